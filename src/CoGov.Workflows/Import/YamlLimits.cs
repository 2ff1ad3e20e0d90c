using CoGov.Domain.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoGov.Workflows.Import;

/// <summary>
/// How much a YAML file may ask of the server. Aliases are the danger: ten lines that each repeat the line before ten
/// times (a "billion laughs") describe a billion values in under a kilobyte, and every reader that walks the file walks
/// them all. So values are counted as the parser meets them, an alias counting as everything it stands for, and the
/// file is refused at the first event past a limit: before any value is expanded, built or walked.
/// </summary>
/// <param name="Aliases">Alias references (<c>*name</c>): CoGov's own files use none.</param>
/// <param name="Values">Scalars, lists and sets of fields, with each alias counted as the size of what it repeats.</param>
/// <param name="Depth">Lists and sets of fields inside one another; also what keeps the node model's recursion off the stack's end.</param>
/// <param name="ScalarLength">Characters in one value.</param>
internal sealed record YamlLimits(int Aliases, int Values, int Depth, int ScalarLength)
{
    /// <summary>Templates and policies: a few thousand values at most.</summary>
    public static readonly YamlLimits Upload = new(Aliases: 50, Values: 20_000, Depth: 32, ScalarLength: 100_000);

    /// <summary>
    /// An organisation's file carries years of cycles and their history (the demo's 37 KB is about a thousand values):
    /// more values, the same aliases and depth.
    /// </summary>
    public static readonly YamlLimits OrganisationFile = Upload with { Values = 200_000 };

    /// <summary>Passes the parser's events through, refusing the file at the first one past a limit.</summary>
    public IParser Guard(IParser parser) => new GuardedParser(parser, this);

    private sealed class GuardedParser(IParser inner, YamlLimits limits) : IParser
    {
        private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
        // The anchored collections open now, with the count of values when each began: its size is known at its end.
        private readonly Stack<(AnchorName Anchor, long ValuesBefore)> _open = new();
        private long _values;
        private int _aliases;
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }
            switch (inner.Current)
            {
                case AnchorAlias alias:
                    if (++_aliases > limits.Aliases)
                    {
                        throw Refuse(alias, new Phrase("the file uses more than {0} aliases (*name); write the values out instead.", limits.Aliases));
                    }
                    // An alias to an anchor not yet closed (or never made) is the parser's to refuse; it counts as one here.
                    Count(alias, _anchorSizes.GetValueOrDefault(alias.Value.Value, 1));
                    break;
                case Scalar scalar:
                    if (scalar.Value.Length > limits.ScalarLength)
                    {
                        throw Refuse(scalar, new Phrase("this value is {0} characters long; the most one value may hold is {1}.", scalar.Value.Length, limits.ScalarLength));
                    }
                    Count(scalar, 1);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        _anchorSizes[scalar.Anchor.Value] = 1;
                    }
                    break;
                case NodeEvent { Anchor: var anchor } start and (MappingStart or SequenceStart):
                    if (++_depth > limits.Depth)
                    {
                        throw Refuse(start, new Phrase("lists and sets of fields are nested more than {0} deep here.", limits.Depth));
                    }
                    Count(start, 1);
                    _open.Push((anchor, _values - 1));
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    var (opened, before) = _open.Pop();
                    if (!opened.IsEmpty)
                    {
                        _anchorSizes[opened.Value] = _values - before;
                    }
                    break;
            }
            return true;
        }

        private void Count(ParsingEvent at, long values)
        {
            _values += values;
            if (_values > limits.Values)
            {
                throw Refuse(at, new Phrase("the file holds more than {0} values once its aliases are expanded; CoGov reads no larger file.", limits.Values));
            }
        }

        private static YamlLimitException Refuse(ParsingEvent at, Phrase why) => new(at.Start, why);
    }
}

/// <summary>A file refused for what it would cost to read, at the event where a limit was passed.</summary>
internal sealed class YamlLimitException(Mark start, Phrase why) : Exception(why.ToString())
{
    public Mark Start { get; } = start;

    public Phrase Why { get; } = why;
}
