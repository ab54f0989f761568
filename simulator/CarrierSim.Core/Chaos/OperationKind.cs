namespace CarrierSim.Core.Chaos;

/// <summary>
/// What an endpoint does, declared by the dialect with the endpoint: chaos, the journal and the
/// API documents read it instead of guessing from operation names.
/// </summary>
public enum OperationKind
{
    /// <summary>Searches available inventory; a drought empties it.</summary>
    Search,

    /// <summary>Orders or buys numbers; magic numbers, races and fulfilment chaos apply.</summary>
    Order,

    /// <summary>Lists the caller's orders or numbers.</summary>
    List,

    /// <summary>Reads one order or number.</summary>
    Get,

    /// <summary>Changes a number's settings.</summary>
    Update,

    /// <summary>Gives a number back (disconnect, release, delete).</summary>
    Release,

    /// <summary>A callback (webhook) the simulator sends; only callback chaos applies.</summary>
    Callback,

    /// <summary>Anything else.</summary>
    Other,
}
