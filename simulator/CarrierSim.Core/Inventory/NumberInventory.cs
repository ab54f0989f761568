using CarrierSim.Core.Chaos;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.State;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// The simulator's number inventory: procedural base availability over the catalog, an
/// overlay of changed numbers, search, and atomic acquire and release. Thread-safe.
/// </summary>
public sealed class NumberInventory
{
    private static readonly ulong WalkStream = StableHash.Stream("inventory.walk");
    private static readonly ulong LineStream = StableHash.Stream("inventory.walk.line");
    private static readonly ulong BlockStream = StableHash.Stream("inventory.walk.block");
    private static readonly int[] LineSteps = [.. Enumerable.Range(1, 999).Where(s => s % 2 != 0 && s % 5 != 0)];

    private readonly InventoryIndex _index;
    private readonly InventoryOverlay _overlay;
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, NumberDetails> _adopted = new();

    /// <summary>The pseudo-range of numbers adopted from outside the catalog.</summary>
    private const int Adopted = -2;

    /// <param name="store">Where changed numbers are kept besides this process; null or in-memory: nowhere else.</param>
    public NumberInventory(NumberingCatalog catalog, InventoryOptions options, TimeProvider time, IStateStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _overlay = new InventoryOverlay(store);
        ArgumentNullException.ThrowIfNull(options);
        _index = InventoryIndex.For(catalog);
        Options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public InventoryOptions Options { get; }

    /// <summary>
    /// Builds the catalog's search indexes ahead of time (e.g. on another thread while a host
    /// starts); inventories created later reuse them.
    /// </summary>
    public static void WarmUp(NumberingCatalog catalog) => InventoryIndex.For(catalog);

    public NumberingCatalog Catalog => _index.Catalog;

    public long Seed => Options.Seed;

    /// <summary>
    /// Finds up to <see cref="SearchCriteria.Quantity"/> available numbers matching every
    /// filter given. Searching reserves nothing; the same seed and state give the same answer.
    /// </summary>
    /// <exception cref="InvalidSearchException">The criteria are contradictory or malformed.</exception>
    public IReadOnlyList<NumberDetails> Search(SearchCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var errors = criteria.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidSearchException(errors);
        }

        var plan = PlanOf(criteria);
        return plan is null ? [] : Walk(plan, criteria);
    }

    /// <summary>
    /// What a search does that depends only on its filters (not on the quantity, holds or the overlay): the
    /// ranges to walk, in walk order, and the walk's seed. The catalog never changes, so plans are kept and a
    /// repeated search skips straight to the walk. Null when the filters match no range.
    /// </summary>
    private sealed class SearchPlan(RangeFilter filter, int[] ranges, long totalBlocks, int maxBlocks, ulong walkSeed, long seed)
    {
        /// <summary>The inventory seed the walk order was made for (<see cref="InventoryOptions.Seed"/> can be set).</summary>
        public long Seed { get; } = seed;

        public RangeFilter Filter { get; } = filter;

        public int[] Ranges { get; } = ranges;

        public long TotalBlocks { get; } = totalBlocks;

        public int MaxBlocks { get; } = maxBlocks;

        public ulong WalkSeed { get; } = walkSeed;
    }

    private const int MaxPlans = 4096;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<SearchCriteria, SearchPlan?> _plans = new();

    private SearchPlan? PlanOf(SearchCriteria criteria)
    {
        // Only the filters key a plan: a search for 10 and one for 100 in area code 919 share it.
        var filters = criteria.Quantity == 0 && criteria.IncludeHeldFor is null ? criteria : criteria with { Quantity = 0, IncludeHeldFor = null };
        if (_plans.TryGetValue(filters, out var plan) && (plan is null || plan.Seed == Seed))
        {
            return plan;
        }

        plan = CreatePlan(filters);
        if (_plans.Count >= MaxPlans)
        {
            _plans.Clear();
        }

        _plans[filters] = plan;
        return plan;
    }

    private SearchPlan? CreatePlan(SearchCriteria filters)
    {
        var filter = RangeFilter.Resolve(filters, _index);
        if (filter is null)
        {
            return null;
        }

        var candidates = new List<int>();
        var totalBlocks = 0L;
        var maxBlocks = 0;
        foreach (var range in filter.PrimaryCandidates(_index))
        {
            if (filter.Matches(_index, range))
            {
                candidates.Add(range);
                var blocks = filter.BlockCount(_index.Ranges[range]);
                totalBlocks += blocks;
                maxBlocks = Math.Max(maxBlocks, blocks);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // The walk visits the candidates from a seeded start with a step coprime with their count: every range once.
        var walkSeed = StableHash.Of(Seed, WalkStream, StableHash.Stream(filters.FilterKey()));
        var n = candidates.Count;
        var start = (int)(walkSeed % (ulong)n);
        var step = CoprimeStep(StableHash.Mix(walkSeed), n);
        var ordered = new int[n];
        for (var i = 0; i < n; i++)
        {
            ordered[i] = candidates[(int)((start + ((long)i * step)) % n)];
        }

        return new SearchPlan(filter, ordered, totalBlocks, maxBlocks, walkSeed, Seed);
    }

    /// <summary>What the inventory says about a number now.</summary>
    public NumberStatus GetStatus(PhoneNumber number)
    {
        var range = Locate(number.Digits);
        if (range == -1)
        {
            return new NumberStatus(NumberState.NotInInventory);
        }

        return _overlay.TryGet(number.Digits, out var entry) ? ToStatus(entry) : BaseStatus(range, number.Digits);
    }

    /// <summary>Catalog facts about a number (locality, rate center…), or null when not in the catalog.</summary>
    public NumberDetails? Describe(PhoneNumber number)
    {
        var range = Locate(number.Digits);
        return range switch
        {
            Adopted => _adopted[number.Digits],
            < 0 => null,
            _ => Details(_index.Ranges[range], number.Digits),
        };
    }

    /// <summary>
    /// Takes a valid number from outside the catalog into the inventory (control plane, e.g.
    /// a contract's example number). It starts taken; force it available to offer it to orders.
    /// </summary>
    public void Adopt(NumberDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Locate(details.Number.Digits) == -1)
        {
            _adopted[details.Number.Digits] = details;
        }
    }

    /// <summary>
    /// Takes numbers for an owner: all or nothing, or as many as can be had. The check and
    /// the change are one atomic step; no number is ever owned by two owners.
    /// </summary>
    public AcquireResult Acquire(IReadOnlyCollection<PhoneNumber> numbers, OwnerId owner, AcquireMode mode) =>
        Claim(numbers, owner, mode, new OverlayEntry(NumberState.Owned, owner.Value, 0));

    /// <summary>
    /// Gives an owned number back. With quarantine (a release by the customer) it stays out
    /// of search for <see cref="InventoryOptions.Quarantine"/>; without (an order that failed
    /// at fulfilment) it is available at once.
    /// </summary>
    /// <returns>False when the number is not owned by <paramref name="owner"/>; nothing changes then.</returns>
    public bool Release(PhoneNumber number, OwnerId owner, bool quarantine = true) =>
        _overlay.WithLocks([number.Digits], locked =>
        {
            if (!locked.TryGet(number.Digits, out var entry) || entry.State != NumberState.Owned || entry.Owner != owner.Value)
            {
                return false;
            }

            if (quarantine)
            {
                var until = _time.GetUtcNow().UtcTicks + Options.Quarantine.Ticks;
                locked.Set(number.Digits, new OverlayEntry(NumberState.Quarantined, 0, until));
            }
            else
            {
                locked.Set(number.Digits, new OverlayEntry(NumberState.Available, 0, 0));
            }

            return true;
        });

    /// <summary>
    /// Holds (reserves) numbers for an owner until <paramref name="until"/> on the simulator clock:
    /// until then nobody else finds them in search or can acquire them, while the owner can
    /// acquire them; afterwards they are available again without anyone acting. Holding a number
    /// the owner already holds moves its end time. All or nothing, or as many as can be had; the
    /// check and the change are one atomic step, as in <see cref="Acquire"/>.
    /// </summary>
    public AcquireResult Hold(IReadOnlyCollection<PhoneNumber> numbers, OwnerId owner, DateTimeOffset until, AcquireMode mode) =>
        Claim(numbers, owner, mode, new OverlayEntry(NumberState.Held, owner.Value, until.UtcTicks));

    /// <summary>
    /// The one check-and-set behind <see cref="Acquire"/> and <see cref="Hold"/>: under the numbers' locks, every
    /// number offered to <paramref name="owner"/> gets <paramref name="claimed"/>; with <see cref="AcquireMode.All"/>
    /// nothing changes unless every number is offered.
    /// </summary>
    private AcquireResult Claim(IReadOnlyCollection<PhoneNumber> numbers, OwnerId owner, AcquireMode mode, OverlayEntry claimed)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var rejected = new List<Rejection>();
        var wanted = new List<(PhoneNumber Number, int Range)>(numbers.Count);
        var seen = new HashSet<ulong>();
        foreach (var number in numbers)
        {
            var range = Locate(number.Digits);
            if (!seen.Add(number.Digits))
            {
                rejected.Add(new Rejection(number, RejectionReason.Duplicate));
            }
            else if (range == -1)
            {
                rejected.Add(new Rejection(number, RejectionReason.NotInInventory));
            }
            else
            {
                wanted.Add((number, range));
            }
        }

        if (mode == AcquireMode.All && rejected.Count > 0)
        {
            return new AcquireResult([], rejected);
        }

        return _overlay.WithLocks(seen, locked =>
        {
            var now = _time.GetUtcNow().UtcTicks;
            var granted = new List<PhoneNumber>(wanted.Count);
            foreach (var (number, range) in wanted)
            {
                var status = locked.TryGet(number.Digits, out var entry) ? ToStatus(entry, now) : BaseStatus(range, number.Digits);
                if (IsOffered(status, owner))
                {
                    granted.Add(number);
                }
                else
                {
                    rejected.Add(new Rejection(number, Reason(status, owner)));
                }
            }

            if (mode == AcquireMode.All && rejected.Count > 0)
            {
                return new AcquireResult([], rejected);
            }

            foreach (var number in granted)
            {
                locked.Set(number.Digits, claimed);
            }

            return new AcquireResult(granted, rejected);
        });
    }

    /// <summary>Ends an owner's hold on a number before its time: the number is available at once.</summary>
    /// <returns>False when the number is not held for <paramref name="owner"/> now; nothing changes then.</returns>
    public bool ReleaseHold(PhoneNumber number, OwnerId owner) =>
        _overlay.WithLocks([number.Digits], locked =>
        {
            var now = _time.GetUtcNow().UtcTicks;
            if (!locked.TryGet(number.Digits, out var entry) || entry.State != NumberState.Held || entry.Owner != owner.Value || entry.UntilTicks <= now)
            {
                return false;
            }

            locked.Set(number.Digits, new OverlayEntry(NumberState.Available, 0, 0));
            return true;
        });

    /// <summary>
    /// Marks available numbers as taken by another buyer (a competitor), as happens between a
    /// search and an order. Numbers owned by an account are left alone.
    /// </summary>
    /// <returns>The numbers that were available and are now taken.</returns>
    public IReadOnlyList<PhoneNumber> TakeByCompetitor(IReadOnlyCollection<PhoneNumber> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var inCatalog = numbers.Select(n => (Number: n, Range: Locate(n.Digits))).Where(p => p.Range != -1).ToList();
        return _overlay.WithLocks(inCatalog.Select(p => p.Number.Digits).ToList(), locked =>
        {
            var now = _time.GetUtcNow().UtcTicks;
            var taken = new List<PhoneNumber>();
            foreach (var (number, range) in inCatalog)
            {
                var status = locked.TryGet(number.Digits, out var entry) ? ToStatus(entry, now) : BaseStatus(range, number.Digits);
                if (status.State == NumberState.Available)
                {
                    locked.Set(number.Digits, new OverlayEntry(NumberState.Taken, 0, 0));
                    taken.Add(number);
                }
            }

            return taken;
        });
    }

    /// <summary>Sets a number's state outright (control plane): available, taken, or owned by an account.</summary>
    /// <exception cref="ArgumentException">The number is not in the catalog, or the state cannot be forced.</exception>
    public void Force(PhoneNumber number, NumberStatus status)
    {
        if (Locate(number.Digits) == -1)
        {
            throw new ArgumentException($"{number} is not in the simulator's catalog; only catalog numbers (or adopted ones) have a state.", nameof(number));
        }

        var entry = status.State switch
        {
            NumberState.Available => new OverlayEntry(NumberState.Available, 0, 0),
            NumberState.Taken => new OverlayEntry(NumberState.Taken, 0, 0),
            NumberState.Owned when status.Owner is { } owner => new OverlayEntry(NumberState.Owned, owner.Value, 0),
            NumberState.Quarantined when status.Until is { } until => new OverlayEntry(NumberState.Quarantined, 0, until.UtcTicks),
            NumberState.Held when status.Owner is { } holder && status.Until is { } end => new OverlayEntry(NumberState.Held, holder.Value, end.UtcTicks),
            _ => throw new ArgumentException($"Cannot force state {status.State} without its owner or end time.", nameof(status)),
        };
        _overlay.WithLocks([number.Digits], locked =>
        {
            locked.Set(number.Digits, entry);
            return true;
        });
    }

    /// <summary>Every number an owner holds now.</summary>
    public IReadOnlyList<PhoneNumber> OwnedBy(OwnerId owner) =>
        [.. _overlay.OwnedBy(owner.Value).Select(PhoneNumber.FromDigits).Order()];

    /// <summary>Whether the owner holds any number now; costs what that owner holds.</summary>
    public bool OwnsAny(OwnerId owner) => _overlay.OwnedCount(owner.Value) > 0;

    /// <summary>
    /// Gives back every number the owner holds, available at once (the tenant is being deleted,
    /// so there is nobody to protect from a recycled number).
    /// </summary>
    /// <returns>How many numbers went back.</returns>
    public int ReleaseAll(OwnerId owner) =>
        _overlay.OwnedBy(owner.Value).Count(digits => Release(PhoneNumber.FromDigits(digits), owner, quarantine: false));

    public InventoryStats GetStats()
    {
        var snapshot = _overlay.Snapshot();
        var now = _time.GetUtcNow().UtcTicks;
        return new InventoryStats(
            Catalog.Exchanges.Count,
            _index.Ranges.Length,
            snapshot.Count,
            snapshot.Count(p => p.Value.State == NumberState.Owned),
            snapshot.Count(p => p.Value.State == NumberState.Taken),
            snapshot.Count(p => p.Value.State == NumberState.Quarantined && p.Value.UntilTicks > now));
    }

    /// <summary>
    /// Takes numbers' entries as a shared store has them (another process changed them): an entry,
    /// or null for a number back to its base state. Nothing is written to the store.
    /// </summary>
    public void ApplyStored(IEnumerable<KeyValuePair<ulong, NumberEntry?>> entries) => _overlay.Apply(entries);

    /// <summary>The numbers whose entry names <paramref name="owner"/> as owner now (owned), as stored digits.</summary>
    public IReadOnlyList<ulong> OwnedDigits(OwnerId owner) => _overlay.OwnedBy(owner.Value);

    /// <summary>Forgets every change: the inventory is the pure base again.</summary>
    public void Reset()
    {
        _overlay.Clear();
        _adopted.Clear();
    }

    private int Locate(ulong digits)
    {
        var range = _index.RangeOf(digits);
        return range >= 0 ? range : _adopted.ContainsKey(digits) ? Adopted : -1;
    }

    private List<NumberDetails> Walk(SearchPlan plan, SearchCriteria criteria)
    {
        var quantity = criteria.Quantity;
        var results = new List<NumberDetails>(quantity);
        var picked = new HashSet<ulong>();
        var walkSeed = plan.WalkSeed;
        var filter = plan.Filter;
        var ranges = plan.Ranges;
        var now = _time.GetUtcNow().UtcTicks;
        var budget = (long)Options.MaxNumbersExamined;

        // First spread the results over many blocks (as a carrier's inventory would), then,
        // if that is not enough, take whatever is left.
        var cap = (int)Math.Max(2, (quantity * 2L / Math.Max(1, plan.TotalBlocks)) + 1);
        for (var pass = 0; pass < 2; pass++)
        {
            var perBlock = pass == 0 ? cap : int.MaxValue;
            for (var round = 0; round < plan.MaxBlocks; round++)
            {
                foreach (var rangeIndex in ranges)
                {
                    var range = _index.Ranges[rangeIndex];
                    var block = filter.BlockAt(range, round, StableHash.Of(Seed, BlockStream, range.Prefix, walkSeed));
                    if (block < 0)
                    {
                        continue;
                    }

                    budget = ScanBlock(range, block, filter, perBlock, quantity, walkSeed, now, criteria.IncludeHeldFor, picked, results, budget);
                    if (results.Count == quantity || budget <= 0)
                    {
                        return results;
                    }
                }
            }
        }

        return results;
    }

    private long ScanBlock(
        NumberRange range, int block, RangeFilter filter, int perBlock, int quantity, ulong walkSeed, long now, OwnerId? heldFor,
        HashSet<ulong> picked, List<NumberDetails> results, long budget)
    {
        var blockKey = range.BlockKey(block);
        var fill = FillLevels.Of(Seed, blockKey);
        var hash = StableHash.Of(Seed, LineStream, blockKey, walkSeed);
        var line = (int)(hash % 1000);
        var lineStep = LineSteps[(int)((hash >> 32) % (ulong)LineSteps.Length)];
        var taken = 0;
        for (var j = 0; j < 1000 && budget > 0; j++, line = (line + lineStep) % 1000)
        {
            budget--;
            var digits = (blockKey * 1000) + (ulong)line;
            if (!filter.MatchesNumber(range, digits) || picked.Contains(digits))
            {
                continue;
            }

            var available = _overlay.TryGet(digits, out var entry)
                ? IsOffered(ToStatus(entry, now), heldFor)
                : FillLevels.IsBaseAvailable(Seed, digits, fill);
            if (!available)
            {
                continue;
            }

            picked.Add(digits);
            results.Add(Details(range, digits));
            if (results.Count == quantity || ++taken == perBlock)
            {
                break;
            }
        }

        return budget;
    }

    private NumberDetails Details(NumberRange range, ulong digits)
    {
        var number = PhoneNumber.FromDigits(digits);
        switch (range.Kind)
        {
            case RangeKind.Exchange:
                var exchange = Catalog.Exchanges[range.Source];
                var rateCenter = exchange.RateCenterIndex >= 0 ? Catalog.RateCenters[exchange.RateCenterIndex] : null;
                return new NumberDetails(number, "US", NumberType.Local, exchange.Locality, exchange.State, rateCenter);
            case RangeKind.TollFree:
                return new NumberDetails(number, "US", NumberType.TollFree, "", "", null);
            case RangeKind.Magic:
                var areaCode = Catalog.AreaCodes[range.Source];
                return new NumberDetails(number, "US", NumberType.Local, "", areaCode.Region, null);
            default:
                var international = Catalog.InternationalRanges[range.Source];
                return new NumberDetails(number, international.CountryIso, international.Type, international.Region, "", null);
        }
    }

    private NumberStatus BaseStatus(int range, ulong digits)
    {
        if (range == Adopted)
        {
            return NumberStatus.Taken;
        }

        if (_index.Ranges[range].Kind == RangeKind.Magic)
        {
            return MagicNumbers.Of(digits) == MagicBehaviour.Taken ? NumberStatus.Taken : NumberStatus.Available;
        }

        var blockKey = digits / 1000;
        return FillLevels.IsBaseAvailable(Seed, digits, FillLevels.Of(Seed, blockKey)) ? NumberStatus.Available : NumberStatus.Taken;
    }

    private NumberStatus ToStatus(OverlayEntry entry) => ToStatus(entry, _time.GetUtcNow().UtcTicks);

    private static NumberStatus ToStatus(OverlayEntry entry, long now) => entry.State switch
    {
        NumberState.Owned => NumberStatus.OwnedBy(new OwnerId(entry.Owner)),
        NumberState.Quarantined when entry.UntilTicks > now =>
            new NumberStatus(NumberState.Quarantined, Until: new DateTimeOffset(entry.UntilTicks, TimeSpan.Zero)),
        NumberState.Quarantined => NumberStatus.Available,
        NumberState.Held when entry.UntilTicks > now => NumberStatus.HeldFor(new OwnerId(entry.Owner), new DateTimeOffset(entry.UntilTicks, TimeSpan.Zero)),
        NumberState.Held => NumberStatus.Available,
        _ => new NumberStatus(entry.State),
    };

    /// <summary>Whether a number in this state is on offer to <paramref name="owner"/>: available, or held for that owner.</summary>
    private static bool IsOffered(NumberStatus status, OwnerId? owner) =>
        status.State == NumberState.Available || (status.State == NumberState.Held && owner is { } who && status.Owner == who);

    private static RejectionReason Reason(NumberStatus status, OwnerId owner) => status.State switch
    {
        NumberState.Owned when status.Owner == owner => RejectionReason.AlreadyOwned,
        NumberState.Owned => RejectionReason.OwnedByAnotherAccount,
        NumberState.Quarantined => RejectionReason.Quarantined,
        NumberState.Held => RejectionReason.HeldForAnother,
        NumberState.NotInInventory => RejectionReason.NotInInventory,
        _ => RejectionReason.Taken,
    };

    private static int CoprimeStep(ulong hash, int n)
    {
        if (n <= 2)
        {
            return 1;
        }

        var step = (int)(hash % (ulong)(n - 1)) + 1;
        while (Gcd(step, n) != 1)
        {
            step = (step % (n - 1)) + 1;
        }

        return step;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}

/// <summary>Counts that describe the inventory's state.</summary>
public sealed record InventoryStats(int Exchanges, int Ranges, int OverlayEntries, int Owned, int TakenByCompetitors, int Quarantined);
