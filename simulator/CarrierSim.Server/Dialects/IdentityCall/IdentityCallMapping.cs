using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.IdentityCall;

internal static class IdentityCallMapping
{
    // The number_type echoes the type searched for: US geographic numbers are both local and mobile.
    public static AvailableNumberWire ToWire(this NumberDetails number, NumberType searched, IdentityCallProvider provider)
    {
        var (upfront, monthly) = IdentityCallProvider.Costs(number.Country, searched);
        return new AvailableNumberWire(
            number.Number.ToString(),
            number.Country,
            searched.ToWireName(),
            upfront,
            monthly,
            provider.Features(number, searched),
            IdentityCallProvider.Regions(number));
    }

    // The simulator has no operators, so the lists are empty and the count is 0.
    public static VirtualNumberWire ToWire(this VirtualNumber number) => new(
        number.Id,
        number.Number.ToString(),
        number.Name,
        number.CountryCode,
        number.Active,
        number.AiReceptionistEnabled,
        [],
        0);

    public static VirtualNumberDetailWire ToDetailWire(this VirtualNumber number) => new(
        number.Id,
        number.Number.ToString(),
        number.Name,
        number.CountryCode,
        number.Active,
        number.Recording,
        number.RoutingStrategy,
        number.AiReceptionistEnabled,
        new StatsWire(0, 0, 0, 0),
        [],
        [],
        []);
}
