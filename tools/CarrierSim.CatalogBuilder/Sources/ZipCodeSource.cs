using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CarrierSim.CatalogBuilder.Sources;

/// <summary>A US ZIP code point from the npm package <c>zipcodes</c>.</summary>
internal sealed record SourceZip(int Zip, string City, string State, double Latitude, double Longitude);

/// <summary>
/// Reads the npm package <c>zipcodes</c> (BSD), pinned by <c>npm/package-lock.json</c> next to
/// this project. The package keeps its US data as one JSON object literal assigned to
/// <c>exports.codes</c> in <c>lib/codes.js</c>; that line is parsed directly, so no Node.js
/// code runs, only <c>npm ci</c> to restore the package.
/// </summary>
internal sealed class ZipCodeSource
{
    private const string PackageName = "zipcodes";
    private const string CodesAssignment = "exports.codes = ";

    private ZipCodeSource(string version, IReadOnlyList<SourceZip> zips)
    {
        Version = version;
        Zips = zips;
    }

    /// <summary>The restored package version, e.g. <c>8.0.0</c>.</summary>
    public string Version { get; }

    /// <summary>The US ZIP codes with coordinates, ascending.</summary>
    public IReadOnlyList<SourceZip> Zips { get; }

    public static ZipCodeSource Load(string npmDirectory, TextWriter log)
    {
        var packageDirectory = Path.Combine(npmDirectory, "node_modules", PackageName);
        if (!File.Exists(Path.Combine(packageDirectory, "package.json")))
        {
            Restore(npmDirectory, log);
        }

        using var packageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(packageDirectory, "package.json")));
        var version = packageJson.RootElement.GetProperty("version").GetString()
            ?? throw new InvalidDataException($"{packageDirectory}/package.json has no version.");

        var codesPath = Path.Combine(packageDirectory, "lib", "codes.js");
        var line = File.ReadLines(codesPath).FirstOrDefault(l => l.StartsWith(CodesAssignment, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"'{codesPath}' has no line starting with '{CodesAssignment}': the zipcodes package changed its layout.");
        var json = line[CodesAssignment.Length..].TrimEnd().TrimEnd(';');

        var zips = new List<SourceZip>();
        using var document = JsonDocument.Parse(json);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var value = entry.Value;
            if (!value.TryGetProperty("country", out var country) || country.GetString() != "US"
                || !value.TryGetProperty("latitude", out var latitude) || latitude.ValueKind != JsonValueKind.Number
                || !value.TryGetProperty("longitude", out var longitude) || longitude.ValueKind != JsonValueKind.Number
                || entry.Name.Length != 5
                || !int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var zip))
            {
                continue;
            }

            zips.Add(new SourceZip(
                zip,
                value.GetProperty("city").GetString() ?? "",
                value.GetProperty("state").GetString() ?? "",
                latitude.GetDouble(),
                longitude.GetDouble()));
        }

        zips.Sort((a, b) => a.Zip.CompareTo(b.Zip));
        return new ZipCodeSource(version, zips);
    }

    private static void Restore(string npmDirectory, TextWriter log)
    {
        log.WriteLine($"Restoring the zipcodes package: npm ci in {npmDirectory}");
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = npmDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The catalog builder needs npm (Node.js) to restore the zipcodes package into {npmDirectory}/node_modules, but npm could not be started: {e.Message}. Install Node.js and npm, or run 'npm ci' there yourself.",
                e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm ci --no-audit --no-fund' in {npmDirectory} failed with exit code {process.ExitCode}:{Environment.NewLine}{stderr.Result}{stdout.Result}");
            }
        }
    }
}
