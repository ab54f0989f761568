using CarrierSim.Core.Inventory;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

internal static class DialStackMapping
{
    // The guide's example shows the city in upper case ("RALEIGH"), as carriers' LERG-style data has it.
    public static AvailableNumberWire ToWire(this NumberDetails number) => new(
        number.Number.ToString(),
        number.Locality.ToUpperInvariant(),
        number.Region,
        number.RateCenter?.Name ?? "",
        number.Lata?.ToString() ?? "");

    public static OrderWire ToWire(this Order order) => new(
        order.Id,
        order.Type == OrderType.Disconnect ? "disconnect" : "purchase",
        order.Status.ToString().ToLowerInvariant(),
        [.. order.Requested.Select(n => n.ToString())],
        [.. order.Completed.Select(n => n.ToString())],
        [.. order.Failed.Select(n => n.ToString())],
        order.ErrorMessage,
        Formats.Seconds(order.CreatedAt),
        Formats.Seconds(order.UpdatedAt));

    public static DidWire ToWire(this Did did)
    {
        lock (did)
        {
            return new DidWire(
                did.Id,
                did.Number.ToString(),
                did.Status,
                "account_owned",
                null,
                did.DisconnectedAt is { } at ? Formats.Seconds(at) : null,
                did.OutboundEnabled,
                did.FaxEnabled,
                did.Config,
                did.CallerIdName,
                did.CallerIdPrefix,
                did.CallerIdVisibility,
                did.DirectoryListingName,
                did.DirectoryListingType,
                did.DirectoryListingLocation,
                did.RoutingTarget,
                "default",
                Formats.Seconds(did.CreatedAt),
                Formats.Seconds(did.UpdatedAt));
        }
    }
}
