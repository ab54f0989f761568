namespace CarrierSim.Core.Numbering;

/// <summary>How an area code is used, from the NANPA NPA report.</summary>
public enum AreaCodeUse : byte
{
    Geographic = 0,
    TollFree = 1,
}

/// <summary>An in-service NPA: its use, country, state or province, overlay complex and time zone.</summary>
/// <param name="OverlayComplex">The NPAs that overlay each other here, e.g. <c>919/984</c>; empty when none.</param>
public sealed record AreaCode(Npa Npa, AreaCodeUse Use, string Country, string Region, string OverlayComplex, string TimeZone)
{
    public IEnumerable<Npa> OverlayMembers =>
        OverlayComplex.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Npa.Parse).Where(r => r.Success).Select(r => r.Value);
}

/// <summary>An NPA-NXX of the catalog: where it rings (rate center) and what the geocoder calls it.</summary>
/// <param name="RateCenterIndex">Index into <see cref="NumberingCatalog.RateCenters"/>; -1 when unknown.</param>
/// <param name="Locality">The geocoder's locality, e.g. <c>Cary</c>.</param>
public sealed record Exchange(NpaNxx NpaNxx, int RateCenterIndex, string Locality, string State);

/// <summary>A ZIP code, its city and the rate centers nearest to it in its state.</summary>
public sealed record ZipArea(ZipCode Zip, string City, string State, double Latitude, double Longitude, IReadOnlyList<int> RateCenterIndexes);

/// <summary>
/// A range of numbers outside the NANP geographic pool that libphonenumber accepts as valid
/// for its country and of its type: <see cref="Prefix"/> followed by any
/// <see cref="VariableDigits"/> digits.
/// </summary>
/// <param name="Prefix">Leading E.164 digits, country code included, e.g. 4477009.</param>
/// <param name="Region">A locality, when the geocoder names one; empty otherwise.</param>
public sealed record InternationalRange(string CountryIso, NumberType Type, int CountryCallingCode, ulong Prefix, int VariableDigits, string Region);
