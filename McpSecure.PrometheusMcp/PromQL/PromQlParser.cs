namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>
/// Parses PromQL into a syntax tree with the grammar and the checks of Prometheus 2.42 (operator precedence, vector
/// matching, modifiers, function and aggregation arguments, value types). Errors are <see cref="PromQlSyntaxException"/>s
/// that name the line and column.
/// </summary>
internal sealed class PromQlParser
{
    private static readonly HashSet<string> Aggregators = new(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile",
    };

    private readonly string _input;
    private readonly List<PromQlToken> _tokens;
    private int _index;

    private PromQlParser(string input)
    {
        _input = input;
        _tokens = new PromQlLexer(input).Tokenize();
    }

    /// <summary>The syntax tree of <paramref name="query"/>, or a <see cref="PromQlSyntaxException"/>.</summary>
    public static PromQlExpression Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new PromQlParser(query);
        if (parser.Peek.Kind == PromQlTokenKind.End)
        {
            throw PromQlSyntaxException.At(query, 0, "no expression found in input");
        }
        var expression = parser.ParseExpression(0);
        if (parser.Peek.Kind != PromQlTokenKind.End)
        {
            throw parser.Unexpected("end of input");
        }
        return expression;
    }

    /// <summary>A series selector as the series, label and metadata APIs take in <c>match[]</c>: a vector selector, nothing else.</summary>
    public static VectorSelector ParseSeriesSelector(string selector)
    {
        var expression = Parse(selector);
        return expression as VectorSelector ?? throw PromQlSyntaxException.At(selector, 0,
            $"a series selector must be a metric name and/or {{label matchers}} (e.g. up{{job=\"api\"}}), not {Describe(expression)}");
    }

    public static PromQlValueType TypeOf(PromQlExpression expression) => expression switch
    {
        NumberLiteral => PromQlValueType.Scalar,
        StringLiteral => PromQlValueType.String,
        VectorSelector => PromQlValueType.Vector,
        MatrixSelector or SubqueryExpression => PromQlValueType.Matrix,
        FunctionCall call => call.Function.ReturnType,
        AggregateExpression => PromQlValueType.Vector,
        BinaryExpression binary => TypeOf(binary.Left) == PromQlValueType.Vector || TypeOf(binary.Right) == PromQlValueType.Vector
            ? PromQlValueType.Vector : PromQlValueType.Scalar,
        UnaryExpression unary => TypeOf(unary.Expression),
        ParenExpression paren => TypeOf(paren.Expression),
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    private static string Describe(PromQlExpression expression) => expression switch
    {
        MatrixSelector => "a range vector selector",
        SubqueryExpression => "a subquery",
        FunctionCall call => $"a call of {call.Function.Name}()",
        AggregateExpression => "an aggregation",
        BinaryExpression => "a binary expression",
        NumberLiteral => "a number",
        StringLiteral => "a string",
        _ => "an expression",
    };

    private static string TypeName(PromQlValueType type) => type switch
    {
        PromQlValueType.Scalar => "scalar",
        PromQlValueType.Vector => "instant vector",
        PromQlValueType.Matrix => "range vector",
        _ => "string",
    };

    private PromQlToken Peek => _tokens[_index];

    private PromQlToken PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private PromQlToken Take() => _tokens[_index++];

    private PromQlSyntaxException Error(int position, string problem) => PromQlSyntaxException.At(_input, position, problem);

    private PromQlSyntaxException Unexpected(string expected)
    {
        var token = Peek;
        var what = token.Kind switch
        {
            PromQlTokenKind.End => "end of input",
            PromQlTokenKind.String => $"string \"{token.Text}\"",
            PromQlTokenKind.Number => $"number \"{token.Text}\"",
            PromQlTokenKind.Duration => $"duration \"{token.Text}\"",
            PromQlTokenKind.Identifier or PromQlTokenKind.MetricIdentifier => $"identifier \"{token.Text}\"",
            _ => $"\"{token.Text}\"",
        };
        return Error(token.Position, $"unexpected {what}, expected {expected}");
    }

    private PromQlToken Expect(PromQlTokenKind kind, string expected)
    {
        if (Peek.Kind != kind)
        {
            throw Unexpected(expected);
        }
        return Take();
    }

    private bool IsKeyword(PromQlToken token, string keyword) =>
        token.Kind == PromQlTokenKind.Identifier && token.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private static int Precedence(string op) => op switch
    {
        "or" => 1,
        "and" or "unless" => 2,
        "==" or "!=" or "<" or "<=" or ">" or ">=" => 3,
        "+" or "-" => 4,
        "*" or "/" or "%" or "atan2" => 5,
        "^" => 6,
        _ => -1,
    };

    private static bool IsComparison(string op) => op is "==" or "!=" or "<" or "<=" or ">" or ">=";

    private static bool IsSetOperator(string op) => op is "and" or "or" or "unless";

    private string? PeekBinaryOperator()
    {
        var token = Peek;
        if (token.Kind == PromQlTokenKind.Operator && token.Text is not ("=" or "=~" or "!~"))
        {
            return token.Text;
        }
        if (token.Kind == PromQlTokenKind.Identifier && token.Text.ToLowerInvariant() is "and" or "or" or "unless" or "atan2")
        {
            return token.Text.ToLowerInvariant();
        }
        return null;
    }

    private PromQlExpression ParseExpression(int minimumPrecedence)
    {
        var left = ParseUnary();
        while (PeekBinaryOperator() is { } op && Precedence(op) >= minimumPrecedence)
        {
            var operatorToken = Take();
            var precedence = Precedence(op);
            var returnBool = false;
            if (IsKeyword(Peek, "bool"))
            {
                Take();
                returnBool = true;
            }
            var matching = ParseVectorMatching();
            var right = ParseExpression(op == "^" ? precedence : precedence + 1);
            left = Binary(operatorToken.Position, op, left, right, returnBool, matching);
        }
        return left;
    }

    private VectorMatching ParseVectorMatching()
    {
        var on = IsKeyword(Peek, "on");
        if (!on && !IsKeyword(Peek, "ignoring"))
        {
            return new VectorMatching(VectorMatchCardinality.OneToOne, false, [], []);
        }
        Take();
        var labels = ParseGroupingLabels();
        var cardinality = VectorMatchCardinality.OneToOne;
        IReadOnlyList<string> include = [];
        if (IsKeyword(Peek, "group_left") || IsKeyword(Peek, "group_right"))
        {
            cardinality = Take().Text.Equals("group_left", StringComparison.OrdinalIgnoreCase)
                ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
            if (Peek.Kind == PromQlTokenKind.LeftParen)
            {
                include = ParseGroupingLabels();
            }
        }
        return new VectorMatching(cardinality, on, labels, include);
    }

    private BinaryExpression Binary(int position, string op, PromQlExpression left, PromQlExpression right, bool returnBool, VectorMatching matching)
    {
        var leftType = TypeOf(left);
        var rightType = TypeOf(right);
        if (returnBool && !IsComparison(op))
        {
            throw Error(position, "bool modifier can only be used on comparison operators");
        }
        if (IsComparison(op) && !returnBool && leftType == PromQlValueType.Scalar && rightType == PromQlValueType.Scalar)
        {
            throw Error(position, "comparisons between scalars must use BOOL modifier");
        }
        if (IsSetOperator(op) && matching.Cardinality == VectorMatchCardinality.OneToOne)
        {
            matching = matching with { Cardinality = VectorMatchCardinality.ManyToMany };
        }
        if (matching.On && matching.MatchingLabels.Intersect(matching.Include, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            throw Error(position, $"label \"{both}\" must not occur in ON and GROUP clause at once");
        }
        if (leftType is not (PromQlValueType.Scalar or PromQlValueType.Vector) || rightType is not (PromQlValueType.Scalar or PromQlValueType.Vector))
        {
            throw Error(position, $"binary expression must contain only scalar and instant vector types (got {TypeName(leftType)} {op} {TypeName(rightType)})");
        }
        VectorMatching? kept = matching;
        if (leftType != PromQlValueType.Vector || rightType != PromQlValueType.Vector)
        {
            if (matching.MatchingLabels.Count > 0)
            {
                throw Error(position, "vector matching only allowed between instant vectors");
            }
            kept = null;
        }
        else if (IsSetOperator(op) && matching.Cardinality is VectorMatchCardinality.OneToMany or VectorMatchCardinality.ManyToOne)
        {
            throw Error(position, $"no grouping allowed for \"{op}\" operation");
        }
        if ((leftType == PromQlValueType.Scalar || rightType == PromQlValueType.Scalar) && IsSetOperator(op))
        {
            throw Error(position, $"set operator \"{op}\" not allowed in binary scalar expression");
        }
        return new BinaryExpression(op, left, right, returnBool, kept);
    }

    private PromQlExpression ParseUnary()
    {
        if (Peek.Kind == PromQlTokenKind.Operator && Peek.Text is "+" or "-")
        {
            var op = Take();
            var operand = ParseExpression(Precedence("^"));
            if (operand is NumberLiteral number)
            {
                return op.Text == "-" ? new NumberLiteral(-number.Value) : number;
            }
            if (TypeOf(operand) is not (PromQlValueType.Scalar or PromQlValueType.Vector))
            {
                throw Error(op.Position, $"unary expression only allowed on expressions of type scalar or instant vector, got {TypeName(TypeOf(operand))}");
            }
            return new UnaryExpression(op.Text, operand);
        }
        return ParsePostfix(ParsePrimary());
    }

    private PromQlExpression ParsePostfix(PromQlExpression expression)
    {
        while (true)
        {
            var token = Peek;
            if (token.Kind == PromQlTokenKind.LeftBracket)
            {
                Take();
                var range = ParseDuration("a range duration (e.g. 5m)");
                if (Peek.Kind == PromQlTokenKind.RightBracket)
                {
                    Take();
                    expression = expression switch
                    {
                        VectorSelector { OffsetMilliseconds: not 0 } => throw Error(token.Position, "no offset modifiers allowed before range"),
                        VectorSelector { At: not null } => throw Error(token.Position, "no @ modifiers allowed before range"),
                        VectorSelector selector => new MatrixSelector(selector, range),
                        _ => throw Error(token.Position, $"ranges only allowed for vector selectors, not for {Describe(expression)}"),
                    };
                    continue;
                }
                Expect(PromQlTokenKind.Colon, "\"]\" or \":\" in a range or subquery");
                long step = 0;
                if (Peek.Kind != PromQlTokenKind.RightBracket)
                {
                    step = ParseDuration("a subquery step (e.g. 1m) or \"]\"");
                }
                Expect(PromQlTokenKind.RightBracket, "\"]\" after the subquery step");
                if (TypeOf(expression) != PromQlValueType.Vector)
                {
                    throw Error(token.Position, $"subquery is only allowed on instant vector, got {TypeName(TypeOf(expression))}");
                }
                expression = new SubqueryExpression(expression, range, step);
            }
            else if (IsKeyword(token, "offset"))
            {
                Take();
                var negative = false;
                if (Peek.Kind == PromQlTokenKind.Operator && Peek.Text is "-" or "+")
                {
                    negative = Take().Text == "-";
                }
                var offset = ParseDuration("an offset duration (e.g. 5m)") * (negative ? -1 : 1);
                expression = expression switch
                {
                    VectorSelector { OffsetMilliseconds: not 0 } or MatrixSelector { Selector.OffsetMilliseconds: not 0 }
                        or SubqueryExpression { OffsetMilliseconds: not 0 } => throw Error(token.Position, "offset may not be set multiple times"),
                    VectorSelector selector => selector with { OffsetMilliseconds = offset },
                    MatrixSelector matrix => matrix with { Selector = matrix.Selector with { OffsetMilliseconds = offset } },
                    SubqueryExpression subquery => subquery with { OffsetMilliseconds = offset },
                    _ => throw Error(token.Position, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                };
            }
            else if (token.Kind == PromQlTokenKind.At)
            {
                Take();
                var at = ParseAt();
                expression = expression switch
                {
                    VectorSelector { At: not null } or MatrixSelector { Selector.At: not null } or SubqueryExpression { At: not null }
                        => throw Error(token.Position, "@ <timestamp> may not be set multiple times"),
                    VectorSelector selector => selector with { At = at },
                    MatrixSelector matrix => matrix with { Selector = matrix.Selector with { At = at } },
                    SubqueryExpression subquery => subquery with { At = at },
                    _ => throw Error(token.Position, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                };
            }
            else
            {
                return expression;
            }
        }
    }

    private AtModifier ParseAt()
    {
        var token = Peek;
        if (token.Kind == PromQlTokenKind.Identifier && token.Text is "start" or "end")
        {
            Take();
            Expect(PromQlTokenKind.LeftParen, $"\"(\" after {token.Text}");
            Expect(PromQlTokenKind.RightParen, $"\")\" after {token.Text}(");
            return new AtModifier(token.Text == "start" ? AtModifierKind.Start : AtModifierKind.End);
        }
        var sign = 1.0;
        if (Peek.Kind == PromQlTokenKind.Operator && Peek.Text is "-" or "+")
        {
            sign = Take().Text == "-" ? -1 : 1;
        }
        if (Peek.Kind != PromQlTokenKind.Number)
        {
            throw Unexpected("a timestamp, start() or end() after @");
        }
        var number = Take();
        var seconds = sign * ParseNumber(number);
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds >= long.MaxValue || seconds <= long.MinValue)
        {
            throw Error(number.Position, $"timestamp out of bounds for @ modifier: {number.Text}");
        }
        return new AtModifier(AtModifierKind.Timestamp, (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));
    }

    private long ParseDuration(string expected)
    {
        var token = Peek;
        if (token.Kind != PromQlTokenKind.Duration)
        {
            throw Unexpected(expected);
        }
        Take();
        if (!PromQlDuration.TryParse(token.Text, out var milliseconds))
        {
            throw Error(token.Position, $"not a valid duration: \"{token.Text}\"");
        }
        if (milliseconds == 0)
        {
            throw Error(token.Position, "duration must be greater than 0");
        }
        return milliseconds;
    }

    private double ParseNumber(PromQlToken token)
    {
        var text = token.Text;
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                ? hex
                : throw Error(token.Position, $"bad number syntax: \"{text}\"");
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(token.Position, $"bad number syntax: \"{text}\"");
    }

    private PromQlExpression ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case PromQlTokenKind.Number:
                Take();
                return new NumberLiteral(ParseNumber(token));
            case PromQlTokenKind.String:
                Take();
                return new StringLiteral(token.Text);
            case PromQlTokenKind.LeftParen:
            {
                Take();
                var inner = ParseExpression(0);
                Expect(PromQlTokenKind.RightParen, "\")\"");
                return new ParenExpression(inner);
            }
            case PromQlTokenKind.LeftBrace:
                return Selector(token.Position, "", ParseMatchers());
            case PromQlTokenKind.MetricIdentifier:
                Take();
                return Selector(token.Position, token.Text, Peek.Kind == PromQlTokenKind.LeftBrace ? ParseMatchers() : []);
            case PromQlTokenKind.Identifier when Aggregators.Contains(token.Text)
                && (PeekAt(1).Kind == PromQlTokenKind.LeftParen || IsKeyword(PeekAt(1), "by") || IsKeyword(PeekAt(1), "without")):
                return ParseAggregate();
            case PromQlTokenKind.Identifier when PeekAt(1).Kind == PromQlTokenKind.LeftParen:
                return ParseCall();
            case PromQlTokenKind.Identifier:
                // As in Prometheus, keywords (by, sum, offset, ...) are metric names where an expression starts.
                Take();
                return Selector(token.Position, token.Text, Peek.Kind == PromQlTokenKind.LeftBrace ? ParseMatchers() : []);
            default:
                throw Unexpected("an expression (a number, a string, a selector, a function, an aggregation or \"(\")");
        }
    }

    private VectorSelector Selector(int position, string name, List<LabelMatcher> matchers)
    {
        if (name.Length > 0 && matchers.FirstOrDefault(m => m.Name == LabelMatcher.MetricNameLabel) is { } second)
        {
            throw Error(position, $"metric name must not be set twice: \"{name}\" or \"{second.Value}\"");
        }
        if (name.Length == 0 && matchers.All(m => m.MatchesEmpty))
        {
            throw Error(position, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers);
    }

    private List<LabelMatcher> ParseMatchers()
    {
        Expect(PromQlTokenKind.LeftBrace, "\"{\"");
        var matchers = new List<LabelMatcher>();
        while (Peek.Kind != PromQlTokenKind.RightBrace)
        {
            var name = Peek;
            if (name.Kind != PromQlTokenKind.Identifier)
            {
                throw Unexpected("a label name in the label matchers");
            }
            Take();
            var op = Peek;
            var kind = op.Kind == PromQlTokenKind.Operator
                ? op.Text switch
                {
                    "=" => MatchOperator.Equal,
                    "!=" => MatchOperator.NotEqual,
                    "=~" => MatchOperator.Regex,
                    "!~" => MatchOperator.NotRegex,
                    _ => (MatchOperator?)null,
                }
                : null;
            if (kind is null)
            {
                throw Unexpected($"a matching operator (=, !=, =~, !~) after label \"{name.Text}\"");
            }
            Take();
            var value = Expect(PromQlTokenKind.String, $"a quoted label value after {name.Text}{op.Text}");
            matchers.Add(new LabelMatcher(name.Text, kind.Value, value.Text));
            if (Peek.Kind == PromQlTokenKind.Comma)
            {
                Take();
            }
            else if (Peek.Kind != PromQlTokenKind.RightBrace)
            {
                throw Unexpected("\",\" or \"}\" in the label matchers");
            }
        }
        Take();
        return matchers;
    }

    private List<string> ParseGroupingLabels()
    {
        Expect(PromQlTokenKind.LeftParen, "\"(\" before the grouping labels");
        var labels = new List<string>();
        while (Peek.Kind != PromQlTokenKind.RightParen)
        {
            if (Peek.Kind != PromQlTokenKind.Identifier)
            {
                throw Unexpected("a label name in the grouping labels");
            }
            labels.Add(Take().Text);
            if (Peek.Kind == PromQlTokenKind.Comma)
            {
                Take();
            }
            else if (Peek.Kind != PromQlTokenKind.RightParen)
            {
                throw Unexpected("\",\" or \")\" in the grouping labels");
            }
        }
        Take();
        return labels;
    }

    private AggregateExpression ParseAggregate()
    {
        var opToken = Take();
        var op = opToken.Text.ToLowerInvariant();
        List<string>? grouping = null;
        var without = false;
        if (IsKeyword(Peek, "by") || IsKeyword(Peek, "without"))
        {
            without = Take().Text.Equals("without", StringComparison.OrdinalIgnoreCase);
            grouping = ParseGroupingLabels();
        }
        if (Peek.Kind != PromQlTokenKind.LeftParen)
        {
            throw Unexpected($"\"(\" after {op}");
        }
        var arguments = ParseArguments();
        if (grouping is null && (IsKeyword(Peek, "by") || IsKeyword(Peek, "without")))
        {
            without = Take().Text.Equals("without", StringComparison.OrdinalIgnoreCase);
            grouping = ParseGroupingLabels();
        }
        var withParameter = op is "topk" or "bottomk" or "quantile" or "count_values";
        var expected = withParameter ? 2 : 1;
        if (arguments.Count != expected)
        {
            throw Error(opToken.Position, $"wrong number of arguments for aggregate expression provided, expected {expected}, got {arguments.Count}");
        }
        var expression = arguments[^1];
        if (TypeOf(expression) != PromQlValueType.Vector)
        {
            throw Error(opToken.Position, $"expected type instant vector in aggregation expression, got {TypeName(TypeOf(expression))}");
        }
        PromQlExpression? parameter = null;
        if (withParameter)
        {
            parameter = arguments[0];
            var wanted = op == "count_values" ? PromQlValueType.String : PromQlValueType.Scalar;
            if (TypeOf(parameter) != wanted)
            {
                throw Error(opToken.Position, $"expected type {TypeName(wanted)} in aggregation parameter, got {TypeName(TypeOf(parameter))}");
            }
        }
        return new AggregateExpression(op, expression, parameter, grouping ?? [], without);
    }

    private FunctionCall ParseCall()
    {
        var name = Take();
        if (!PromQlFunctions.TryGet(name.Text, out var function))
        {
            throw Error(name.Position, $"unknown function with name \"{name.Text}\"");
        }
        var arguments = ParseArguments();
        var declared = function.ArgumentTypes.Count;
        if (function.Variadic == 0 && arguments.Count != declared)
        {
            throw Error(name.Position, $"expected {declared} argument(s) in call to \"{function.Name}\", got {arguments.Count}");
        }
        if (function.Variadic != 0)
        {
            if (arguments.Count < declared - 1)
            {
                throw Error(name.Position, $"expected at least {declared - 1} argument(s) in call to \"{function.Name}\", got {arguments.Count}");
            }
            if (function.Variadic > 0 && arguments.Count > declared - 1 + function.Variadic)
            {
                throw Error(name.Position, $"expected at most {declared - 1 + function.Variadic} argument(s) in call to \"{function.Name}\", got {arguments.Count}");
            }
        }
        for (var i = 0; i < arguments.Count; i++)
        {
            var wanted = function.ArgumentTypes[Math.Min(i, declared - 1)];
            if (TypeOf(arguments[i]) != wanted)
            {
                throw Error(name.Position, $"expected type {TypeName(wanted)} in call to function \"{function.Name}\", got {TypeName(TypeOf(arguments[i]))}");
            }
        }
        return new FunctionCall(function, arguments);
    }

    private List<PromQlExpression> ParseArguments()
    {
        Expect(PromQlTokenKind.LeftParen, "\"(\"");
        var arguments = new List<PromQlExpression>();
        while (Peek.Kind != PromQlTokenKind.RightParen)
        {
            arguments.Add(ParseExpression(0));
            if (Peek.Kind == PromQlTokenKind.Comma)
            {
                Take();
            }
            else if (Peek.Kind != PromQlTokenKind.RightParen)
            {
                throw Unexpected("\",\" or \")\" in the argument list");
            }
        }
        Take();
        return arguments;
    }
}
