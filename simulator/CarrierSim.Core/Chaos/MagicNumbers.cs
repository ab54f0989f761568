using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Chaos;

/// <summary>What a magic number does when it is ordered.</summary>
public enum MagicBehaviour
{
    /// <summary>Always available: orders for it succeed (until someone owns it).</summary>
    Available,

    /// <summary>Always taken by another buyer at order time: the dialect's conflict.</summary>
    Taken,

    /// <summary>Accepted, then fails at fulfilment.</summary>
    FailsAtFulfilment,

    /// <summary>Accepted, then stays pending until the order is forced or released.</summary>
    StaysPending,

    /// <summary>Fails at fulfilment alone: with other numbers the order fills partially.</summary>
    FillsPartially,

    /// <summary>The request that orders it is slow (2 s).</summary>
    Slow,

    /// <summary>The request that orders it gets the carrier's 503.</summary>
    CarrierError,
}

/// <summary>
/// Numbers in the fictional NPA-555-0130…0199 range force outcomes with no set-up, in the
/// spirit of Twilio's test numbers. Any in-service area code works: +1 919 555 0140 is taken
/// at order time, whatever the seed or scenario. NPA-555-0100…0129 stay ordinary numbers,
/// because vendors' documents use them as examples (AgentMessage's +1 415 555 0123).
/// </summary>
public static class MagicNumbers
{
    public static readonly IReadOnlyList<(int First, int Last, MagicBehaviour Behaviour, string Description)> Table =
    [
        (130, 139, MagicBehaviour.Available, "always available: the order succeeds"),
        (140, 149, MagicBehaviour.Taken, "taken by another buyer at order time: the dialect's conflict (409 / INSUFFICIENT_INVENTORY / 422)"),
        (150, 159, MagicBehaviour.FailsAtFulfilment, "accepted, then fails at fulfilment (DialStack order → failed)"),
        (160, 169, MagicBehaviour.StaysPending, "accepted, then stays pending until forced through /__admin/orders"),
        (170, 179, MagicBehaviour.FillsPartially, "fails alone at fulfilment: with other numbers and partial_allowed the order ends partial"),
        (180, 189, MagicBehaviour.Slow, "the request that orders it takes 2 s"),
        (190, 199, MagicBehaviour.CarrierError, "the request that orders it gets the carrier's 503 in the dialect's envelope"),
    ];

    /// <summary>The behaviour of a magic number, or null when the number is not one (E.164 text or digits).</summary>
    public static MagicBehaviour? Of(ulong digits)
    {
        if (digits is < 1_200_200_0000UL or > 1_999_999_9999UL || !NanpRules.IsFictionalRange((int)(digits / 10_000 % 1000), (int)(digits % 10_000)))
        {
            return null;
        }

        var line = (int)(digits % 10_000);
        foreach (var (first, last, behaviour, _) in Table)
        {
            if (line >= first && line <= last)
            {
                return behaviour;
            }
        }

        return null;
    }

    public static MagicBehaviour? Of(string e164) =>
        e164.Length == 12 && e164[0] == '+' && ulong.TryParse(e164.AsSpan(1), out var digits) ? Of(digits) : null;
}
