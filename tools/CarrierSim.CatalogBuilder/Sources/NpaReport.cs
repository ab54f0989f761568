using System.Globalization;

namespace CarrierSim.CatalogBuilder.Sources;

/// <summary>One row of the NANPA NPA report.</summary>
internal sealed record NpaReportRow(
    int Npa,
    string Use,
    string Location,
    string Country,
    bool InService,
    string OverlayComplex,
    string TimeZone)
{
    public bool IsInServiceUsGeographic => Use == "G" && Country == "US" && InService;

    /// <summary>
    /// The USPS state or territory code. The report writes the Northern Mariana Islands as
    /// <c>CNMI</c>; the rate-center and ZIP data use <c>MP</c>.
    /// </summary>
    public string State => Location == "CNMI" ? "MP" : Location;
}

/// <summary>The NANPA NPA report: line 1 is the file date, line 2 the header.</summary>
internal sealed class NpaReport
{
    public const string FileName = "nanpa_npa_report_2025-11-26.csv";

    private NpaReport(string fileDate, IReadOnlyList<NpaReportRow> rows)
    {
        FileDate = fileDate;
        Rows = rows;
    }

    /// <summary>The file date from line 1, e.g. <c>11/26/2025</c>.</summary>
    public string FileDate { get; }

    public IReadOnlyList<NpaReportRow> Rows { get; }

    public static NpaReport Load(string sourceDirectory)
    {
        var path = Path.Combine(sourceDirectory, FileName);
        var firstLine = File.ReadLines(path).FirstOrDefault() ?? "";
        var fileDate = firstLine.StartsWith("File Date,", StringComparison.Ordinal) ? firstLine["File Date,".Length..].Trim() : "";
        var rows = Csv.Read(path, skipLines: 1)
            .Select(r => new NpaReportRow(
                int.Parse(r["NPA_ID"], NumberStyles.None, CultureInfo.InvariantCulture),
                r["USE"],
                r["LOCATION"],
                r["COUNTRY"],
                r["IN_SERVICE"] == "Y",
                r["OVERLAY_COMPLEX"],
                r["TIME_ZONE"]))
            .OrderBy(r => r.Npa)
            .ToList();
        return new NpaReport(fileDate, rows);
    }
}
