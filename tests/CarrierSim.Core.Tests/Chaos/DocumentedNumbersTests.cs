using System.Text.RegularExpressions;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Tests.Numbering;

namespace CarrierSim.Core.Tests.Chaos;

/// <summary>
/// Magic numbers never collide with the numbers the vendors' documents use as examples: a documented
/// example must behave as an ordinary number, as its document shows it.
/// </summary>
public sealed partial class DocumentedNumbersTests
{
    // Every phone number found in the seed documents and the vendor references on 2026-11-30
    // (../shared/seeds, ../shared/design/reference), so the check runs without them too.
    public static TheoryData<string> Documented =>
    [
        "+14155550123", "+15551234567", "+19195551234", "+19195555678", "+15005550000", "+15005550006", "+15005550001",
        "+14155552671", "+14155551234", "+18089251571", "+17702126011", "+15559876543", "+15551234568", "+14155550456",
        "+14045551212", "+12125551001",
    ];

    [Theory]
    [MemberData(nameof(Documented))]
    public void ADocumentedExampleIsNotAMagicNumber(string number) => Assert.Null(MagicNumbers.Of(number));

    [Fact]
    public void NoNumberInTheVendorDocumentsIsAMagicNumber()
    {
        var shared = Path.GetFullPath(Path.Combine(NumberingTestPaths.RepositoryRoot, "..", "shared"));
        var folders = new[] { Path.Combine(shared, "seeds"), Path.Combine(shared, "design", "reference") }.Where(Directory.Exists).ToList();
        if (folders.Count == 0)
        {
            Assert.Skip($"The vendor documents are not beside the repository ({shared} is absent); the inline list above still runs.");
        }

        var numbers = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .SelectMany(file => E164().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Number: "+" + m.Groups[1].Value)))
            .Distinct()
            .ToList();

        Assert.NotEmpty(numbers);
        var magic = numbers.Where(n => MagicNumbers.Of(n.Number) is not null).Select(n => $"{n.Number} ({n.File}: {MagicNumbers.Of(n.Number)})").ToList();
        Assert.True(magic.Count == 0, "documented numbers that are magic: " + string.Join(", ", magic));
    }

    [GeneratedRegex(@"\+(1[2-9]\d{9})(?!\d)")]
    private static partial Regex E164();
}
