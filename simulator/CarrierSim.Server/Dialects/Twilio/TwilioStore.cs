using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>The configurable part of an IncomingPhoneNumber, replaced whole on each update.</summary>
internal sealed record NumberSettings
{
    public string ApiVersion { get; init; } = "2010-04-01";

    public required string FriendlyName { get; init; }

    public string? SmsApplicationSid { get; init; }

    public string SmsFallbackMethod { get; init; } = "POST";

    public string SmsFallbackUrl { get; init; } = "";

    public string SmsMethod { get; init; } = "POST";

    public string SmsUrl { get; init; } = "";

    public string StatusCallback { get; init; } = "";

    public string StatusCallbackMethod { get; init; } = "POST";

    public string? VoiceApplicationSid { get; init; }

    public bool VoiceCallerIdLookup { get; init; }

    public string VoiceFallbackMethod { get; init; } = "POST";

    public string VoiceFallbackUrl { get; init; } = "";

    public string VoiceMethod { get; init; } = "POST";

    public string VoiceUrl { get; init; } = "";

    public string EmergencyStatus { get; init; } = "Inactive";

    public string? EmergencyAddressSid { get; init; }

    public string? TrunkSid { get; init; }

    public string? IdentitySid { get; init; }

    public string? AddressSid { get; init; }

    public string VoiceReceiveMode { get; init; } = "voice";

    public string? BundleSid { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}

/// <summary>An IncomingPhoneNumber: a number the account bought through Twilio.</summary>
internal sealed class IncomingNumber
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public required OwnerId Owner { get; init; }

    public required PhoneNumber Number { get; init; }

    public required string Country { get; init; }

    public required NumberType Type { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    /// <summary>Read and replaced whole, so a reader never sees half an update.</summary>
    public required NumberSettings Settings { get; set; }
}

/// <summary>What a purchase hands the order book for its record (<see cref="OrderRequest.Details"/>).</summary>
internal sealed record PurchaseDetails(string AccountSid, NumberSettings Settings);

/// <summary>
/// The IncomingPhoneNumbers of every account, a projection of the order book: a purchase is an immediate order
/// whose record appears when it settles complete; a release is an immediate disconnect whose settlement removes
/// the record. A record shows only while the inventory still has the number owned by its account.
/// Each account's records are also tenant state (<see cref="ITenantState"/>), so a shared store can
/// carry them to other processes.
/// </summary>
internal sealed class TwilioStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly Lock _gate = new();
    private readonly OwnedRecords<string, IncomingNumber> _numbers = new(n => n.Sid, n => n.Owner, StringComparer.Ordinal);

    // Both pass a purchase's details to its record and the record back to the purchase within one
    // request (Place settles immediate orders in the same step), so they stay in this process: they
    // are empty between requests and never part of the tenant state.
    private readonly Dictionary<string, PurchaseDetails> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncomingNumber> _settled = new(StringComparer.Ordinal);

    public TwilioStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += Clear;
    }

    /// <summary>Buys one number as an immediate order (chaos, magic numbers and races apply); the record when it completed.</summary>
    public (IncomingNumber? Record, PlaceResult Placed) Purchase(OwnerId owner, PhoneNumber number, PurchaseDetails details, ChaosDecision chaos)
    {
        // In memory the gate is held across the order as well. With a shared store the tenant's
        // requests are already one at a time (its unit of work), and the order's numbers may wait
        // for another replica's transaction, which may need this gate to save its records: holding
        // it there would let the two wait for each other.
        if (_simulation.Store.IsShared)
        {
            return PurchaseUngated(owner, number, details, chaos);
        }

        lock (_gate)
        {
            return PurchaseUngated(owner, number, details, chaos);
        }
    }

    private (IncomingNumber? Record, PlaceResult Placed) PurchaseUngated(OwnerId owner, PhoneNumber number, PurchaseDetails details, ChaosDecision chaos)
    {
        var placed = _simulation.Orders.Place(new OrderRequest
        {
            Owner = owner,
            Origin = TwilioDialect.Id,
            IdPrefix = "twilio_",
            Numbers = [number],
            Immediate = true,
            Chaos = chaos,
            Details = details,
        });
        lock (_gate)
        {
            IncomingNumber? record = null;
            if (placed.Order is { } order)
            {
                _placed.Remove(order.Id);
                _settled.Remove(order.Id, out record);
            }

            return (record, placed);
        }
    }

    /// <summary>Releases the number as an immediate disconnect: it rests in quarantine before it is sold again.</summary>
    public void Release(IncomingNumber record) =>
        _simulation.Orders.Place(new OrderRequest
        {
            Owner = record.Owner,
            Origin = TwilioDialect.Id,
            IdPrefix = "twilio_",
            Numbers = [record.Number],
            Type = OrderType.Disconnect,
            Immediate = true,
            Quarantine = true,
        });

    public void Placed(Order order, object? details)
    {
        if (order.Type == OrderType.Purchase && details is PurchaseDetails purchase)
        {
            lock (_gate)
            {
                _placed[order.Id] = purchase;
            }
        }
    }

    public void Settled(Order order)
    {
        lock (_gate)
        {
            if (order.Type == OrderType.Disconnect)
            {
                foreach (var record in _numbers.Of(order.Owner).Where(r => order.Completed.Contains(r.Number)).ToList())
                {
                    _numbers.TryRemove(record);
                }

                return;
            }

            if (!_placed.Remove(order.Id, out var details) || order.Status != OrderStatus.Complete)
            {
                return;
            }

            foreach (var number in order.Completed)
            {
                _settled[order.Id] = Add(order.Owner, details.AccountSid, number, details.Settings, order.UpdatedAt);
            }
        }
    }

    /// <summary>Adds a record for a number the account owns (provider states); replaces a record of that sid.</summary>
    public IncomingNumber Add(OwnerId owner, string accountSid, PhoneNumber number, NumberSettings settings, DateTimeOffset created, string? sid = null)
    {
        var details = _simulation.Inventory.Describe(number);
        var record = new IncomingNumber
        {
            Sid = sid ?? NewSid(),
            AccountSid = accountSid,
            Owner = owner,
            Number = number,
            Country = details?.Country ?? "US",
            Type = details?.Type ?? (number.IsTollFree ? NumberType.TollFree : NumberType.Local),
            DateCreated = created,
            Settings = settings,
        };
        lock (_gate)
        {
            _numbers.Set(record);
        }

        return record;
    }

    /// <summary>A fresh IncomingPhoneNumber sid: PN and 32 hex digits.</summary>
    public string NewSid() => "PN" + _simulation.Ids.NextGuid("twilio.incomingPhoneNumber").ToString("N");

    /// <summary>The owner's current records, oldest first.</summary>
    public IReadOnlyList<IncomingNumber> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _numbers.Of(owner).Where(IsCurrent).OrderBy(r => r.DateCreated).ThenBy(r => r.Sid, StringComparer.Ordinal)];
    }

    public IncomingNumber? Find(OwnerId owner, string sid)
    {
        _simulation.Orders.SettleDue(owner);
        return _numbers.Find(owner, sid) is { } record && IsCurrent(record) ? record : null;
    }

    /// <summary>The account's current record of a number, if any.</summary>
    public IncomingNumber? FindByNumber(OwnerId owner, PhoneNumber number) =>
        List(owner).FirstOrDefault(r => r.Number == number);

    private bool IsCurrent(IncomingNumber record) =>
        _simulation.Inventory.GetStatus(record.Number) is { State: NumberState.Owned } status && status.Owner == record.Owner;

    public void Forget(OwnerId owner) => _numbers.Forget(owner);

    public string Name => TwilioDialect.Id;

    /// <summary>The owner's IncomingPhoneNumbers (current or not: currency is the inventory's, which is shared on its own), by sid.</summary>
    public byte[]? Export(OwnerId owner)
    {
        List<IncomingNumber> records;
        lock (_gate)
        {
            records = [.. _numbers.Of(owner)];
        }

        if (records.Count == 0)
        {
            return null;
        }

        var documents = new List<IncomingNumberDocument>(records.Count);
        foreach (var record in records)
        {
            lock (record)
            {
                documents.Add(new IncomingNumberDocument(record.Sid, record.AccountSid, record.Number, record.Country, record.Type, record.DateCreated, record.Settings));
            }
        }

        return StateJson.Serialize(documents.OrderBy(d => d.Sid, StringComparer.Ordinal).ToList());
    }

    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<IncomingNumberDocument>>(state);
        lock (_gate)
        {
            _numbers.Forget(owner);
            foreach (var document in documents)
            {
                _numbers.Set(new IncomingNumber
                {
                    Sid = document.Sid,
                    AccountSid = document.AccountSid,
                    Owner = owner,
                    Number = document.Number,
                    Country = document.Country,
                    Type = document.Type,
                    DateCreated = document.DateCreated,
                    Settings = document.Settings,
                });
            }
        }
    }

    /// <summary>An IncomingPhoneNumber as a shared store keeps it (the owner is the tenant's, given on import).</summary>
    private sealed record IncomingNumberDocument(string Sid, string AccountSid, PhoneNumber Number, string Country, NumberType Type, DateTimeOffset DateCreated, NumberSettings Settings);

    private void Clear()
    {
        lock (_gate)
        {
            _numbers.Clear();
            _placed.Clear();
            _settled.Clear();
        }
    }
}
