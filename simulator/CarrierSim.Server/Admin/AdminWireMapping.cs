using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Wire = CarrierSim.AdminClient;

namespace CarrierSim.Server.Admin;

/// <summary>
/// Domain ↔ wire for the control plane. The wire model is <c>CarrierSim.AdminClient</c>'s, so the
/// server and the typed client cannot drift apart; every admin answer and body goes through here.
/// </summary>
internal static class AdminWireMapping
{
    public static Wire.ChaosRule ToWire(this ChaosRule rule, int? injected = null)
    {
        Wire.ChaosRule wire = rule switch
        {
            FaultRule r => new Wire.FaultRule { Name = r.Name, Fault = r.Fault is { } f ? (Wire.FaultKind)f : null },
            LatencyRule r => new Wire.LatencyRule
            {
                Name = r.Name, Distribution = (Wire.LatencyDistribution)r.Distribution, DelayMs = r.DelayMs, MinMs = r.MinMs, MaxMs = r.MaxMs, MedianMs = r.MedianMs, Sigma = r.Sigma,
            },
            OutcomeRule r => new Wire.OutcomeRule { Name = r.Name, StatusCode = r.StatusCode, RetryAfterSeconds = r.RetryAfterSeconds, Message = r.Message },
            RaceRule r => new Wire.RaceRule { Name = r.Name },
            PartialFillRule r => new Wire.PartialFillRule { Name = r.Name, FillRatio = r.FillRatio },
            FulfilmentFailureRule r => new Wire.FulfilmentFailureRule { Name = r.Name, Message = r.Message },
            StuckPendingRule r => new Wire.StuckPendingRule { Name = r.Name, PendingSeconds = r.PendingSeconds },
            DroughtRule r => new Wire.DroughtRule { Name = r.Name },
            DropCallbackRule r => new Wire.DropCallbackRule { Name = r.Name },
            DuplicateCallbackRule r => new Wire.DuplicateCallbackRule { Name = r.Name },
            LostResponseRule r => new Wire.LostResponseRule { Name = r.Name, Loss = (Wire.ResponseLoss)r.Loss },
            _ => throw new InvalidOperationException($"No wire type for chaos rule {rule.GetType().Name}."),
        };
        return wire with
        {
            Target = new Wire.ChaosTarget { Dialect = rule.Target.Dialect, Operation = rule.Target.Operation, Account = rule.Target.Account, NumberPattern = rule.Target.NumberPattern },
            InjectionRate = rule.InjectionRate,
            MaxInjections = rule.MaxInjections,
            Enabled = rule.Enabled,
            Injected = injected,
        };
    }

    public static ChaosRule ToDomain(this Wire.ChaosRule wire)
    {
        ChaosRule rule = wire switch
        {
            Wire.FaultRule r => new FaultRule { Name = r.Name, Fault = r.Fault is { } f ? (FaultKind)f : null },
            Wire.LatencyRule r => new LatencyRule
            {
                Name = r.Name, Distribution = (LatencyDistribution)r.Distribution, DelayMs = r.DelayMs, MinMs = r.MinMs, MaxMs = r.MaxMs, MedianMs = r.MedianMs, Sigma = r.Sigma,
            },
            Wire.OutcomeRule r => new OutcomeRule { Name = r.Name, StatusCode = r.StatusCode, RetryAfterSeconds = r.RetryAfterSeconds, Message = r.Message },
            Wire.RaceRule r => new RaceRule { Name = r.Name },
            Wire.PartialFillRule r => new PartialFillRule { Name = r.Name, FillRatio = r.FillRatio },
            Wire.FulfilmentFailureRule r => new FulfilmentFailureRule { Name = r.Name, Message = r.Message },
            Wire.StuckPendingRule r => new StuckPendingRule { Name = r.Name, PendingSeconds = r.PendingSeconds },
            Wire.DroughtRule r => new DroughtRule { Name = r.Name },
            Wire.DropCallbackRule r => new DropCallbackRule { Name = r.Name },
            Wire.DuplicateCallbackRule r => new DuplicateCallbackRule { Name = r.Name },
            Wire.LostResponseRule r => new LostResponseRule { Name = r.Name, Loss = (ResponseLoss)r.Loss },
            _ => throw new InvalidOperationException($"No domain type for chaos rule {wire.GetType().Name}."),
        };

        // A "target": null in JSON stays null, so that validation can say so.
        var target = wire.Target is { } t ? new ChaosTarget { Dialect = t.Dialect, Operation = t.Operation, Account = t.Account, NumberPattern = t.NumberPattern } : null!;
        return rule with { Target = target, InjectionRate = wire.InjectionRate, MaxInjections = wire.MaxInjections, Enabled = wire.Enabled };
    }

    public static Wire.ChaosScenario ToWire(this ChaosScenario scenario) => new()
    {
        Name = scenario.Name,
        Description = scenario.Description,
        Rules = [.. scenario.Rules.Select(r => r.ToWire())],
    };

    public static Wire.ChaosInjection ToWire(this Injection injection) => new()
    {
        At = injection.At,
        Rule = injection.Rule,
        Kind = (Wire.ChaosKind)injection.Kind,
        Dialect = injection.Dialect,
        Operation = injection.Operation,
        Account = injection.Account,
        Detail = injection.Detail,
    };

    public static Wire.SimulatorAccount ToWire(this Account account, Simulation s) => new()
    {
        Dialect = account.Dialect,
        Id = account.Id,
        Owner = account.Owner.Value,
        Credit = account.Credit,
        EnabledCountries = account.Settings.EnabledCountries,
        KycPendingCountries = account.Settings.KycPendingCountries,
        Campaigns = [.. account.Settings.Campaigns.Select(c => new Wire.AccountCampaign
        {
            Id = c.Id, Name = c.Name, Active = c.Active, BrandName = c.BrandName, BrandStatus = (Wire.BrandStatus)c.BrandStatus,
        })],
        Keys = [.. s.Accounts.Keys(account.Dialect).Where(k => k.TenantId == account.Id)
            .Select(k => new Wire.AccountKey { Key = k.Key, TenantId = k.TenantId, Scopes = k.Scopes, Project = k.Project })],
        Numbers = [.. s.Inventory.OwnedBy(account.Owner).Select(n => n.ToString())],
    };

    /// <summary>An account to declare, in the shape start-up configuration declares them.</summary>
    public static AccountOptions ToOptions(this Wire.AccountDefinition account) => new()
    {
        Dialect = account.Dialect ?? "",
        Id = account.Id ?? "",
        Credit = account.Credit ?? AccountSettings.Default.Credit,
        EnabledCountries = account.EnabledCountries?.ToList(),
        KycPendingCountries = [.. account.KycPendingCountries ?? []],
        Campaigns = [.. (account.Campaigns ?? []).Select(c => new CampaignOptions
        {
            Id = c.Id, Name = c.Name ?? "", Active = c.Active, BrandName = c.BrandName ?? "", BrandStatus = (BrandStatus)c.BrandStatus,
        })],
        Keys = [.. (account.Keys ?? []).Select(k => new KeyOptions { Key = k.Key, Scopes = k.Scopes?.ToList(), Project = k.Project })],
    };

    public static Wire.InventoryStats ToWire(this InventoryStats stats) => new()
    {
        Exchanges = stats.Exchanges,
        Ranges = stats.Ranges,
        OverlayEntries = stats.OverlayEntries,
        Owned = stats.Owned,
        TakenByCompetitors = stats.TakenByCompetitors,
        Quarantined = stats.Quarantined,
    };

    public static Wire.InventoryNumber ToWire(this NumberDetails d, Simulation s) => new()
    {
        PhoneNumber = d.Number.ToString(),
        Country = d.Country,
        Type = d.Type.ToWireName(),
        Locality = d.Locality,
        Region = d.Region,
        RateCenter = d.RateCenter?.Name,
        Lata = d.Lata?.ToString(),
        State = s.Inventory.GetStatus(d.Number).State.ToString().ToLowerInvariant(),
    };

    public static Wire.SimulatorOrder ToWire(this Order o, Simulation s) => new()
    {
        Id = o.Id,
        Dialect = o.Origin,
        Account = s.Accounts.FindByOwner(o.Owner)?.Id,
        Type = (Wire.OrderType)o.Type,
        Status = (Wire.OrderStatus)o.Status,
        PartialAllowed = o.PartialAllowed,
        Requested = [.. o.Requested.Select(n => n.ToString())],
        Completed = [.. o.Completed.Select(n => n.ToString())],
        Failed = [.. o.Failed.Select(n => n.ToString())],
        ErrorMessage = o.ErrorMessage,
        CreatedAt = o.CreatedAt,
        UpdatedAt = o.UpdatedAt,
        DueAt = o.Plan.StuckForever ? null : o.Plan.PendingUntil ?? o.DueAt,
    };

    public static Wire.ClockState ClockOf(Simulation s) => new() { Now = s.Clock.GetUtcNow(), Frozen = s.Clock.IsFrozen };

    public static Wire.JournalEntry ToWire(this JournalEntry e) => new()
    {
        Id = e.Id,
        At = e.At,
        Dialect = e.Dialect,
        Operation = e.Operation,
        Method = e.Method,
        Path = e.Path,
        Query = e.Query,
        Status = e.Status,
        DurationMs = e.DurationMs,
        Account = e.Account,
        Injections = e.Injections,
    };

    public static Wire.CallbackDelivery ToWire(this CallbackDelivery d)
    {
        lock (d)
        {
            return new Wire.CallbackDelivery
            {
                Id = d.Id,
                Kind = d.Kind,
                Url = d.Url,
                Number = d.Number,
                Payload = d.Payload,
                Attempts = [.. d.Attempts.Select(a => new Wire.CallbackAttempt { At = a.At, Status = a.Status, Error = a.Error, DurationMs = a.DurationMs })],
                Delivered = d.Delivered,
                Dropped = d.Dropped,
                Copies = d.Copies,
                Injections = d.Injections,
                Finished = d.Finished,
            };
        }
    }

    public static SimulatedMessage ToDomain(this Wire.CallbackMessage m) => new(m.Number, m.From, m.Body, m.Status, m.MessageId);
}
