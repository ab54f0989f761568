using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>A number of the catalog with the facts vendors return about it.</summary>
/// <param name="Locality">City or locality; for international ranges the geocoder's region, when known.</param>
/// <param name="Region">State or province code in the NANP; empty elsewhere.</param>
public sealed record NumberDetails(
    PhoneNumber Number,
    string Country,
    NumberType Type,
    string Locality,
    string Region,
    RateCenter? RateCenter)
{
    public Lata? Lata => RateCenter?.Lata;
}
