using CarrierSim.Core.Inventory;
using CarrierSim.Server.Dialects;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>
/// A tenant's sorted records are kept between lists, so a list must never show a copy older than the last change:
/// each kind of change (add, replace, move to another owner, remove, forget, clear) is made after a list and the
/// next list must show it.
/// </summary>
public sealed class OwnedRecordsTests
{
    private sealed record Row(string Id, OwnerId Owner, int Created);

    private static readonly IComparer<Row> NewestFirst = Comparer<Row>.Create((a, b) => b.Created.CompareTo(a.Created));

    private static readonly OwnerId Mine = new(1);
    private static readonly OwnerId Theirs = new(2);

    private readonly OwnedRecords<string, Row> _rows = new(r => r.Id, r => r.Owner, StringComparer.Ordinal);

    private string[] Listed(OwnerId owner) => [.. _rows.Sorted(owner, NewestFirst).Select(r => r.Id)];

    [Fact]
    public void ARepeatedListReusesTheSortedCopyUntilSomethingChanges()
    {
        _rows.Set(new Row("a", Mine, 1));
        _rows.Set(new Row("b", Mine, 2));

        var first = _rows.Sorted(Mine, NewestFirst);

        Assert.Same(first, _rows.Sorted(Mine, NewestFirst));
        Assert.Equal(["b", "a"], Listed(Mine));
    }

    [Fact]
    public void EveryChangeShowsInTheNextList()
    {
        _rows.Set(new Row("a", Mine, 1));
        Assert.Equal(["a"], Listed(Mine));

        _rows.Set(new Row("b", Mine, 2));
        Assert.Equal(["b", "a"], Listed(Mine));

        _rows.Set(new Row("a", Mine, 3));
        Assert.Equal(["a", "b"], Listed(Mine));

        _rows.Set(new Row("a", Theirs, 3));
        Assert.Equal(["b"], Listed(Mine));
        Assert.Equal(["a"], Listed(Theirs));

        Assert.True(_rows.TryRemove(_rows.Get("b")!));
        Assert.Empty(Listed(Mine));

        _rows.Set(new Row("c", Mine, 4));
        Assert.Equal(["c"], Listed(Mine));
        _rows.Forget(Mine);
        Assert.Empty(Listed(Mine));

        _rows.Set(new Row("d", Theirs, 5));
        Assert.Equal(["d", "a"], Listed(Theirs));
        _rows.Clear();
        Assert.Empty(Listed(Theirs));
    }

    [Fact]
    public void AnotherOrderIsSortedAfresh()
    {
        _rows.Set(new Row("a", Mine, 1));
        _rows.Set(new Row("b", Mine, 2));
        var oldestFirst = Comparer<Row>.Create((a, b) => a.Created.CompareTo(b.Created));

        Assert.Equal(["b", "a"], Listed(Mine));
        Assert.Equal(["a", "b"], _rows.Sorted(Mine, oldestFirst).Select(r => r.Id));
    }
}
