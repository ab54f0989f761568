using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Inventory;

/// <summary>A small hand-made catalog whose facts the tests can state exactly.</summary>
internal static class TestCatalog
{
    public const int Raleigh = 0;
    public const int Cary = 1;
    public const int NewYork01 = 2;
    public const int NewYork02 = 3;

    public static NumberingCatalog Create() => new(
        "test catalog",
        [
            new AreaCode(Npa.FromInt32(212), AreaCodeUse.Geographic, "US", "NY", "212/332/646/917", "E"),
            new AreaCode(Npa.FromInt32(919), AreaCodeUse.Geographic, "US", "NC", "919/984", "E"),
            new AreaCode(Npa.FromInt32(984), AreaCodeUse.Geographic, "US", "NC", "919/984", "E"),
            new AreaCode(Npa.FromInt32(800), AreaCodeUse.TollFree, "US", "", "", ""),
        ],
        [
            new RateCenter("RALEIGH", "NC", "Raleigh", Lata.FromInt32(426), 35.78, -78.64),
            new RateCenter("CARY", "NC", "Cary", Lata.FromInt32(426), 35.79, -78.78),
            new RateCenter("NWYRCYZN01", "NY", "New York City Zone 01", Lata.FromInt32(132), 40.71, -74.0),
            new RateCenter("NWYRCYZN02", "NY", "New York City Zone 02", Lata.FromInt32(132), 40.71, -74.0),
        ],
        [
            Exchange(212226, NewYork01, "New York", "NY"),
            Exchange(212227, NewYork02, "New York", "NY"),
            Exchange(919460, Cary, "Cary", "NC"),
            Exchange(919833, Raleigh, "Raleigh", "NC"),
            Exchange(919834, Raleigh, "Raleigh", "NC"),
            Exchange(984200, Raleigh, "Raleigh", "NC"),
        ],
        [
            new ZipArea(ZipCode.FromInt32(10013), "New York", "NY", 40.72, -74.0, [NewYork01]),
            new ZipArea(ZipCode.FromInt32(27511), "Cary", "NC", 35.76, -78.78, [Cary, Raleigh]),
            new ZipArea(ZipCode.FromInt32(27601), "Raleigh", "NC", 35.77, -78.63, [Raleigh]),
        ],
        [
            new InternationalRange("GB", NumberType.Mobile, 44, 447700900, 3, ""),
            new InternationalRange("GB", NumberType.Mobile, 44, 447700901, 3, ""),
            new InternationalRange("GB", NumberType.Local, 44, 442079460, 3, "London"),
        ]);

    public static NumberInventory Inventory(long seed = 7, FakeTimeProvider? time = null) =>
        new(Create(), new InventoryOptions { Seed = seed, Quarantine = TimeSpan.FromMinutes(30) }, time ?? new FakeTimeProvider());

    public static PhoneNumber Number(string e164) => PhoneNumber.Parse(e164).Value;

    private static Exchange Exchange(int npaNxx, int rateCenter, string locality, string state) =>
        new(NpaNxx.FromInt32(npaNxx), rateCenter, locality, state);
}
