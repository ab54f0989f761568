using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.State;

/// <summary>
/// A part of the state kept per tenant (orders, an account's credit, a dialect's records). A shared
/// store saves each tenant's part after a change and loads it into every other process that serves
/// the tenant next; the in-memory store never calls these.
/// </summary>
public interface ITenantState
{
    /// <summary>A stable name, unique among components (e.g. <c>orders</c>, a dialect's id).</summary>
    string Name { get; }

    /// <summary>The owner's part as UTF-8 JSON, or null when the owner has none.</summary>
    byte[]? Export(OwnerId owner);

    /// <summary>Replaces the owner's part with <paramref name="state"/> (null: the owner has none).</summary>
    void Import(OwnerId owner, ReadOnlySpan<byte> state);
}

/// <summary>A part of the state shared by every tenant (the clock, chaos rules, declarations): one document.</summary>
public interface ISharedState
{
    string Name { get; }

    /// <summary>The part as UTF-8 JSON.</summary>
    byte[] Export();

    /// <summary>Replaces the part with <paramref name="state"/>.</summary>
    void Import(ReadOnlySpan<byte> state);
}

/// <summary>Every component of the state, so a shared store can save and load them without knowing what they are.</summary>
public sealed class StateComponents
{
    private readonly List<ITenantState> _tenant = [];
    private readonly List<ISharedState> _shared = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ITenantState> Tenant
    {
        get
        {
            lock (_gate)
            {
                return [.. _tenant];
            }
        }
    }

    public IReadOnlyList<ISharedState> Shared
    {
        get
        {
            lock (_gate)
            {
                return [.. _shared];
            }
        }
    }

    /// <exception cref="ArgumentException">Another component has the same name.</exception>
    public void Add(ITenantState component)
    {
        ArgumentNullException.ThrowIfNull(component);
        lock (_gate)
        {
            if (_tenant.Any(c => c.Name == component.Name))
            {
                throw new ArgumentException($"A tenant state component named '{component.Name}' is registered already.", nameof(component));
            }

            _tenant.Add(component);
        }
    }

    /// <exception cref="ArgumentException">Another component has the same name.</exception>
    public void Add(ISharedState component)
    {
        ArgumentNullException.ThrowIfNull(component);
        lock (_gate)
        {
            if (_shared.Any(c => c.Name == component.Name))
            {
                throw new ArgumentException($"A shared state component named '{component.Name}' is registered already.", nameof(component));
            }

            _shared.Add(component);
        }
    }
}
