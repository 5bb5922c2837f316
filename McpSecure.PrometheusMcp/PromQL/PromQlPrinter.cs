namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>
/// Prints a syntax tree as Prometheus 2.42 does: <see cref="Print"/> is its <c>String()</c> (one line), <see cref="Format"/>
/// its <c>Prettify</c>, the output of <c>/api/v1/format_query</c> (nodes longer than 100 characters split over indented lines).
/// </summary>
internal static class PromQlPrinter
{
    private const int MaxCharactersPerLine = 100;

    public static string Print(PromQlExpression expression) => expression switch
    {
        NumberLiteral number => GoText.Float(number.Value),
        StringLiteral text => GoText.Quote(text.Value),
        VectorSelector selector => Selector(selector) + Modifiers(selector.At, selector.OffsetMilliseconds),
        MatrixSelector matrix => $"{Selector(matrix.Selector)}[{PromQlDuration.Format(matrix.RangeMilliseconds)}]{Modifiers(matrix.Selector.At, matrix.Selector.OffsetMilliseconds)}",
        SubqueryExpression subquery => Print(subquery.Expression) + SubquerySuffix(subquery),
        FunctionCall call => $"{call.Function.Name}({string.Join(", ", call.Arguments.Select(Print))})",
        AggregateExpression aggregate => $"{AggregateHead(aggregate)}({(aggregate.Parameter is null ? "" : Print(aggregate.Parameter) + ", ")}{Print(aggregate.Expression)})",
        BinaryExpression binary => $"{Print(binary.Left)} {binary.Operator}{(binary.ReturnBool ? " bool" : "")}{Matching(binary.Matching)} {Print(binary.Right)}",
        UnaryExpression unary => unary.Operator + Print(unary.Expression),
        ParenExpression paren => $"({Print(paren.Expression)})",
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    public static string Format(PromQlExpression expression) => Pretty(expression, 0);

    private static string Indent(int level) => new(' ', level * 2);

    private static bool NeedsSplit(PromQlExpression expression) => Print(expression).Length > MaxCharactersPerLine;

    private static string Pretty(PromQlExpression expression, int level)
    {
        switch (expression)
        {
            case AggregateExpression aggregate when NeedsSplit(aggregate):
            {
                var text = new StringBuilder(Indent(level)).Append(AggregateHead(aggregate)).Append("(\n");
                if (aggregate.Parameter is not null)
                {
                    text.Append(Pretty(aggregate.Parameter, level + 1)).Append(",\n");
                }
                return text.Append(Pretty(aggregate.Expression, level + 1)).Append('\n').Append(Indent(level)).Append(')').ToString();
            }
            case BinaryExpression binary when NeedsSplit(binary):
                return $"{Pretty(binary.Left, level + 1)}\n{Indent(level)}{binary.Operator}{(binary.ReturnBool ? " bool" : "")}{Matching(binary.Matching)}\n{Pretty(binary.Right, level + 1)}";
            case FunctionCall call when NeedsSplit(call):
                return $"{Indent(level)}{call.Function.Name}(\n{string.Join(",\n", call.Arguments.Select(a => Pretty(a, level + 1)))}\n{Indent(level)})";
            case ParenExpression paren when NeedsSplit(paren):
                return $"{Indent(level)}(\n{Pretty(paren.Expression, level + 1)}\n{Indent(level)})";
            case SubqueryExpression subquery:
                // As Prometheus: an unsplit subquery is not indented.
                return NeedsSplit(subquery) ? Pretty(subquery.Expression, level) + SubquerySuffix(subquery) : Print(subquery);
            case UnaryExpression unary:
                return Indent(level) + unary.Operator + Pretty(unary.Expression, level).Trim();
            default:
                return Indent(level) + Print(expression);
        }
    }

    private static string Selector(VectorSelector selector)
    {
        var matchers = selector.Matchers
            .Where(m => !(m.Name == LabelMatcher.MetricNameLabel && m.Operator == MatchOperator.Equal && m.Value == selector.Name))
            .Select(m => $"{m.Name}{m.OperatorText}{GoText.Quote(m.Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return matchers.Count == 0 ? selector.Name : $"{selector.Name}{{{string.Join(",", matchers)}}}";
    }

    private static string Modifiers(AtModifier? at, long offset)
    {
        var text = new StringBuilder();
        if (at is not null)
        {
            text.Append(at.Kind switch
            {
                AtModifierKind.Start => " @ start()",
                AtModifierKind.End => " @ end()",
                _ => " @ " + (at.TimestampMilliseconds / 1000.0).ToString("F3", CultureInfo.InvariantCulture),
            });
        }
        if (offset > 0)
        {
            text.Append(" offset ").Append(PromQlDuration.Format(offset));
        }
        else if (offset < 0)
        {
            text.Append(" offset -").Append(PromQlDuration.Format(-offset));
        }
        return text.ToString();
    }

    private static string SubquerySuffix(SubqueryExpression subquery) =>
        $"[{PromQlDuration.Format(subquery.RangeMilliseconds)}:{(subquery.StepMilliseconds == 0 ? "" : PromQlDuration.Format(subquery.StepMilliseconds))}]{Modifiers(subquery.At, subquery.OffsetMilliseconds)}";

    private static string AggregateHead(AggregateExpression aggregate)
    {
        if (aggregate.Without)
        {
            return $"{aggregate.Operator} without ({string.Join(", ", aggregate.Grouping)}) ";
        }
        return aggregate.Grouping.Count > 0 ? $"{aggregate.Operator} by ({string.Join(", ", aggregate.Grouping)}) " : aggregate.Operator;
    }

    private static string Matching(VectorMatching? matching)
    {
        if (matching is null || (matching.MatchingLabels.Count == 0 && !matching.On))
        {
            return "";
        }
        var text = $" {(matching.On ? "on" : "ignoring")} ({string.Join(", ", matching.MatchingLabels)})";
        return matching.Cardinality switch
        {
            VectorMatchCardinality.ManyToOne => text + $" group_left ({string.Join(", ", matching.Include)})",
            VectorMatchCardinality.OneToMany => text + $" group_right ({string.Join(", ", matching.Include)})",
            _ => text,
        };
    }
}
