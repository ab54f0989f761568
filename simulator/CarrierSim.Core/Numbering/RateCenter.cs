namespace CarrierSim.Core.Numbering;

/// <summary>
/// A rate center: the industry abbreviation (e.g. <c>RALEIGH</c>, <c>NWYRCYZN01</c>) is
/// unique only within a state, so the state is part of its identity.
/// </summary>
public sealed record RateCenter(string Name, string State, string FullName, Lata Lata, double Latitude, double Longitude)
{
    public override string ToString() => $"{Name}, {State} (LATA {Lata})";
}
