namespace CarrierSim.Core.Numbering;

/// <summary>Rules of the North American Numbering Plan that decide what search may offer.</summary>
public static class NanpRules
{
    /// <summary>The toll-free NPAs in service.</summary>
    public static IReadOnlyList<int> TollFreeNpas { get; } = [800, 833, 844, 855, 866, 877, 888];

    public static bool IsTollFreeNpa(int npa) => npa is 800 or 833 or 844 or 855 or 866 or 877 or 888;

    /// <summary>An NXX of the form [2-9]XX.</summary>
    public static bool IsValidExchangeCode(int nxx) => nxx is >= 200 and <= 999;

    /// <summary>
    /// Whether numbers in this exchange may be offered by search: [2-9]XX, but never N11
    /// (service codes), 555 (directory assistance and the fictional range), 950, 958, 959
    /// (carrier access and test) or 976 (premium information services).
    /// </summary>
    public static bool IsOfferableExchange(int nxx) =>
        IsValidExchangeCode(nxx) && nxx % 100 != 11 && nxx is not (555 or 950 or 958 or 959 or 976);

    /// <summary>The fictional NPA-555-0100…0199 range, reserved for magic test numbers.</summary>
    public static bool IsFictionalRange(int nxx, int line) => nxx == 555 && line is >= 100 and <= 199;
}
