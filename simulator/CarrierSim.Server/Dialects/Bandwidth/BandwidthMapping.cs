using CarrierSim.Core.Inventory;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>Domain → Bandwidth's XML wire types.</summary>
internal static class BandwidthMapping
{
    /// <summary>Bandwidth's ProcessingStatus for an order (numbers.yml): RECEIVED until it settles.</summary>
    public static string Status(this Order order) => order.Status switch
    {
        OrderStatus.Pending => "RECEIVED",
        OrderStatus.Complete => "COMPLETE",
        OrderStatus.Partial => "PARTIAL",
        _ => "FAILED",
    };

    public static OrderResponse ToWire(this BandwidthOrderRecord record, Order order)
    {
        var settled = order.Status != OrderStatus.Pending;
        var completed = order.Completed;
        var errors = new List<BandwidthError>();
        if (settled)
        {
            errors.AddRange(record.Refused);
            foreach (var number in order.Failed)
            {
                // 5005 for numbers someone else had, 5003 for numbers that failed at provisioning (inferred split). Numbers that
                // failed only because an all-or-nothing order failed carry no error of their own.
                if (order.Rejected.Contains(number))
                {
                    errors.Add(new BandwidthError { Code = "5005", Description = "Telephone Number Unavailable", TelephoneNumber = BandwidthNumbers.Tn(number) });
                }
                else if (order.Plan.FailAtFulfilment.Contains(number))
                {
                    errors.Add(new BandwidthError { Code = "5003", Description = "Provisioning Failure" + (order.ErrorMessage is { } why ? ": " + why : ""), TelephoneNumber = BandwidthNumbers.Tn(number) });
                }
            }

            if (record.SearchAndOrder && completed.Count < record.Quantity)
            {
                var found = order.Requested.Count - order.Rejected.Count;
                errors.Add(found == 0
                    ? new BandwidthError { Code = "5018", Description = "The entire quantity of telephone numbers ordered is unavailable" }
                    : new BandwidthError { Code = "5017", Description = $"Only a partial quantity of the total telephone numbers ordered could be fulfilled: {completed.Count} of {record.Quantity}" });
            }
        }

        return new OrderResponse
        {
            ErrorList = errors.Count > 0 ? errors : null,
            CompletedQuantity = BandwidthXml.Int(completed.Count),
            CreatedByUser = record.User.Length > 0 ? record.User : null,
            LastModifiedDate = BandwidthXml.Time(order.UpdatedAt),
            OrderCompleteDate = settled ? BandwidthXml.Time(order.UpdatedAt) : null,
            Order = record.Order,
            OrderStatus = order.Status(),
            CompletedNumbers = completed.Count > 0 ? [.. completed.Select(n => new CompletedNumber { FullNumber = BandwidthNumbers.Tn(n) })] : null,
            FailedQuantity = BandwidthXml.Int(settled ? Math.Max(0, record.Quantity - completed.Count) : 0),
            PendingQuantity = BandwidthXml.Int(settled ? 0 : record.Quantity),
        };
    }

    public static DisconnectTelephoneNumberOrderResponse ToDisconnectWire(this BandwidthOrderRecord record, Order order) => new()
    {
        DisconnectedTelephoneNumberList = order.Completed.Count > 0 ? [.. order.Completed.Select(BandwidthNumbers.Tn)] : null,
        ErrorList = order.Status != OrderStatus.Pending && order.Failed.Count > 0
            ? [.. order.Failed.Select(n => new BandwidthError { Code = "5076", Description = "Number does not belong to this account.", TelephoneNumber = BandwidthNumbers.Tn(n) })]
            : null,
        OrderRequest = record.DisconnectOrder,
        // The order book calls a disconnect with some numbers not held partial; with none held, Bandwidth's word is FAILED.
        OrderStatus = order.Status == OrderStatus.Partial && order.Completed.Count == 0 ? "FAILED" : order.Status(),
    };

    public static OrderIdUserIdDate ToListWire(this BandwidthOrderRecord record, Order order) => new()
    {
        CountOfTNs = BandwidthXml.Int(order.Completed.Count),
        CustomerOrderId = record.Order?.CustomerOrderId ?? record.DisconnectOrder?.CustomerOrderId,
        LastModifiedDate = BandwidthXml.Time(order.UpdatedAt),
        OrderDate = BandwidthXml.Time(order.CreatedAt),
        OrderId = record.Id,
        OrderStatus = order.Status(),
        UserId = record.User.Length > 0 ? record.User : null,
    };

    /// <summary>
    /// A search result's details. Tier, VendorId and VendorName are the spec's example values
    /// (0, 49, "Bandwidth CLEC"): the simulator has one vendor and one tier.
    /// </summary>
    public static TelephoneNumberDetail ToDetailWire(this NumberDetails number) => new()
    {
        City = number.Locality.ToUpperInvariant(),
        Lata = number.Lata?.ToString(),
        RateCenter = number.RateCenter?.Name.ToUpperInvariant(),
        State = number.Region,
        FullNumber = BandwidthNumbers.Tn(number.Number),
        Tier = "0",
        VendorId = "49",
        VendorName = "Bandwidth CLEC",
    };
}
