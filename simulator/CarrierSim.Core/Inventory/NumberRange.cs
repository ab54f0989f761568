using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>What a range of numbers is: where its facts come from in the catalog.</summary>
internal enum RangeKind : byte
{
    /// <summary>A NANP geographic exchange; <see cref="NumberRange.Source"/> indexes the catalog's exchanges.</summary>
    Exchange,

    /// <summary>A NANP toll-free NPA-NXX; the source is unused.</summary>
    TollFree,

    /// <summary>An international range; the source indexes the catalog's international ranges.</summary>
    International,

    /// <summary>
    /// The fictional NPA-555-01XX magic numbers of a geographic area code (source: its index in
    /// the catalog's area codes). Orderable, never offered by search.
    /// </summary>
    Magic,
}

/// <summary>
/// A contiguous range of E.164 numbers: <see cref="Prefix"/> followed by
/// <see cref="VariableDigits"/> free digits, split into thousands-blocks.
/// </summary>
internal readonly record struct NumberRange(ulong Prefix, byte VariableDigits, RangeKind Kind, int Source, string Country, NumberType Type, byte CountryCodeDigits = 1)
{
    public int BlockCount => VariableDigits <= 3 ? 1 : (int)PhoneNumber.Pow10(VariableDigits - 3);

    /// <summary>The E.164 digits of a block's first number divided by 1000: identifies the block.</summary>
    public ulong BlockKey(int block) => Prefix * (ulong)BlockCount + (ulong)block;

}
