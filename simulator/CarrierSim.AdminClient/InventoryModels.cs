namespace CarrierSim.AdminClient;

/// <summary>Counters of the inventory (<c>GET /__admin/inventory/stats</c>).</summary>
public sealed record InventoryStats
{
    /// <summary>Exchanges (NPA-NXX and international ranges) in the catalog.</summary>
    public int Exchanges { get; init; }

    /// <summary>Number ranges in the catalog.</summary>
    public int Ranges { get; init; }

    /// <summary>Numbers whose state differs from the procedural base.</summary>
    public int OverlayEntries { get; init; }

    /// <summary>Numbers owned by the simulator's tenants.</summary>
    public int Owned { get; init; }

    /// <summary>Numbers taken by simulated competitors (races, forced states).</summary>
    public int TakenByCompetitors { get; init; }

    /// <summary>Released numbers still out of search.</summary>
    public int Quarantined { get; init; }
}

/// <summary>
/// Criteria of an inventory search (<c>GET /__admin/inventory/search</c>); every criterion
/// given must match. A search never reserves anything.
/// </summary>
public sealed record InventoryQuery
{
    /// <summary>ISO country code; the server's default is <c>US</c>.</summary>
    public string? Country { get; init; }

    /// <summary>Number type: <c>local</c>, <c>mobile</c>, <c>toll-free</c> or <c>national</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Area code (NPA), e.g. <c>919</c>.</summary>
    public string? AreaCode { get; init; }

    /// <summary>Exchange (NPA-NXX), e.g. <c>919460</c>.</summary>
    public string? NpaNxx { get; init; }

    /// <summary>Thousands-block (NPA-NXX-X), e.g. <c>9194603</c>.</summary>
    public string? NpaNxxX { get; init; }

    /// <summary>5-digit ZIP code.</summary>
    public string? Zip { get; init; }

    /// <summary>Rate center name, e.g. <c>RALEIGH</c>.</summary>
    public string? RateCenter { get; init; }

    /// <summary>LATA, e.g. <c>426</c>.</summary>
    public string? Lata { get; init; }

    /// <summary>2-letter state or region code.</summary>
    public string? State { get; init; }

    /// <summary>City (locality) name.</summary>
    public string? City { get; init; }

    /// <summary>Digits the national number starts with.</summary>
    public string? StartsWith { get; init; }

    /// <summary>Digits the number contains.</summary>
    public string? Contains { get; init; }

    /// <summary>Digits the number ends with.</summary>
    public string? EndsWith { get; init; }

    /// <summary>How many numbers at most; the server's default is 10.</summary>
    public int? Quantity { get; init; }
}

/// <summary>A number of the catalog and its state.</summary>
public sealed record InventoryNumber
{
    /// <summary>The number in E.164, e.g. <c>+19194601234</c>.</summary>
    public string PhoneNumber { get; init; } = "";

    /// <summary>ISO country code.</summary>
    public string Country { get; init; } = "";

    /// <summary>Number type: <c>local</c>, <c>mobile</c>, <c>toll-free</c> or <c>national</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The locality (city), when known.</summary>
    public string? Locality { get; init; }

    /// <summary>The region (state), when known.</summary>
    public string? Region { get; init; }

    /// <summary>The rate center, for North American numbers.</summary>
    public string? RateCenter { get; init; }

    /// <summary>The LATA, for North American numbers.</summary>
    public string? Lata { get; init; }

    /// <summary>The number's state: <c>available</c>, <c>owned</c>, <c>taken</c>, <c>quarantined</c>…</summary>
    public string State { get; init; } = "";
}

/// <summary>A number with its owner (<c>GET /__admin/inventory/numbers/{number}</c>).</summary>
public sealed record NumberDetails
{
    /// <summary>The number and its state.</summary>
    public InventoryNumber Number { get; init; } = new();

    /// <summary>The tenant that owns it, when a tenant does.</summary>
    public NumberOwner? Owner { get; init; }

    /// <summary>Until when the state holds (e.g. the end of a quarantine), when it is temporary.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>The tenant that owns a number.</summary>
public sealed record NumberOwner
{
    /// <summary>The tenant's dialect.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The tenant id.</summary>
    public string Id { get; init; } = "";
}

/// <summary>The states a number can be forced into (<c>PUT /__admin/inventory/numbers/{number}</c>).</summary>
public enum ForcedNumberState
{
    /// <summary>Free to be searched and acquired.</summary>
    Available,

    /// <summary>In service with another buyer.</summary>
    Taken,

    /// <summary>Owned by a tenant of the simulator (give its dialect and id).</summary>
    Owned,
}
