using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>How to acquire a set of numbers.</summary>
public enum AcquireMode
{
    /// <summary>All or nothing: if any number cannot be had, none is taken.</summary>
    All,

    /// <summary>Best effort: take every number that can be had.</summary>
    Available,
}

/// <summary>Why a number could not be acquired.</summary>
public enum RejectionReason
{
    /// <summary>In service with another buyer, or taken by a competitor since the search.</summary>
    Taken,

    /// <summary>Owned by another account of this simulator.</summary>
    OwnedByAnotherAccount,

    /// <summary>Already owned by the acquiring account.</summary>
    AlreadyOwned,

    /// <summary>Recently released and still in quarantine.</summary>
    Quarantined,

    /// <summary>Not a number the catalog offers.</summary>
    NotInInventory,

    /// <summary>Listed twice in the same request.</summary>
    Duplicate,

    /// <summary>Held (reserved) for another owner until the hold ends.</summary>
    HeldForAnother,
}

public readonly record struct Rejection(PhoneNumber Number, RejectionReason Reason);

/// <summary>The outcome of an acquire: what was taken and what was not, with reasons.</summary>
public sealed record AcquireResult(IReadOnlyList<PhoneNumber> Acquired, IReadOnlyList<Rejection> Rejected)
{
    public bool IsComplete => Rejected.Count == 0;
}
