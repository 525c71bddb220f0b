package org.nixproc.lang.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.nixproc.grammar.NixParser;
import org.nixproc.grammar.NixParser.*;
import org.nixproc.lang.ast.Add;
import org.nixproc.lang.ast.Assert;
import org.nixproc.lang.ast.AttrName;
import org.nixproc.lang.ast.AttrsLit;
import org.nixproc.lang.ast.BinaryOp;
import org.nixproc.lang.ast.Call;
import org.nixproc.lang.ast.CurPos;
import org.nixproc.lang.ast.DynamicAttr;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Formal;
import org.nixproc.lang.ast.HasAttr;
import org.nixproc.lang.ast.If;
import org.nixproc.lang.ast.InterpolatedPath;
import org.nixproc.lang.ast.InterpolatedString;
import org.nixproc.lang.ast.LambdaExpr;
import org.nixproc.lang.ast.Literal;
import org.nixproc.lang.ast.Let;
import org.nixproc.lang.ast.ListLit;
import org.nixproc.lang.ast.Not;
import org.nixproc.lang.ast.Operator;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.RecAttrsLit;
import org.nixproc.lang.ast.Select;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.ast.With;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;

/**
 * Turns the ANTLR parse tree into the AST, resolving every variable against the static scopes
 * as it goes (so an undefined variable is reported here, before evaluation, as Nix does) and
 * applying the rewrites Nix's parser makes: attribute paths into nested sets, {@code <p>} into
 * {@code __findFile __nixPath "p"}, relative paths made absolute, indented strings stripped.
 */
final class AstBuilder {
    private final Source source;
    private final String baseDir;
    private final String homeDir;

    AstBuilder(Source source, String baseDir, String homeDir) {
        this.source = source;
        this.baseDir = baseDir;
        this.homeDir = homeDir;
    }

    Expr build(FileContext file, Scope scope) {
        return expr(file.expr(), scope, null);
    }

    private Pos pos(Token t) {
        return new Pos(source, t.getLine(), t.getCharPositionInLine() + 1);
    }

    private Pos pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    private ParseError error(String message, Pos pos) {
        return new ParseError(message, pos);
    }

    // ---- expressions

    /** Builds an expression; {@code name} names a lambda bound to an attribute or let variable. */
    private Expr expr(ExprContext ctx, Scope scope, String name) {
        return function(ctx.exprFunction(), scope, name);
    }

    private Expr function(ExprFunctionContext ctx, Scope scope, String name) {
        if (ctx instanceof LambdaSimpleContext c) {
            String arg = c.ID().getText();
            Scope inner = scope.bind(Map.of(arg, 0));
            // Nix names a curried lambda's inner lambdas after it too.
            return new LambdaExpr(pos(c), name, arg, null, false, function(c.exprFunction(), inner, name));
        }
        if (ctx instanceof LambdaFormalsContext c) {
            return lambda(pos(c), name, null, c.formals(), c.exprFunction(), scope);
        }
        if (ctx instanceof LambdaFormalsAtRightContext c) {
            return lambda(pos(c), name, c.ID().getText(), c.formals(), c.exprFunction(), scope);
        }
        if (ctx instanceof LambdaFormalsAtLeftContext c) {
            return lambda(pos(c), name, c.ID().getText(), c.formals(), c.exprFunction(), scope);
        }
        if (ctx instanceof AssertExprContext c) {
            return new Assert(pos(c), expr(c.expr(), scope, null), function(c.exprFunction(), scope, null));
        }
        if (ctx instanceof WithExprContext c) {
            return new With(pos(c), expr(c.expr(), scope, null), function(c.exprFunction(), scope.with(), null));
        }
        if (ctx instanceof LetExprContext c) {
            return let(pos(c), c.binds(), scope, inner -> function(c.exprFunction(), inner, null));
        }
        PlainIfContext c = (PlainIfContext) ctx;
        return ifExpr(c.exprIf(), scope, name);
    }

    private Expr lambda(Pos pos, String name, String arg, FormalsContext formals, ExprFunctionContext body,
            Scope scope) {
        List<FormalContext> list = formals.formal();
        Map<String, FormalContext> byName = new java.util.TreeMap<>();
        for (FormalContext f : list) {
            if (byName.put(f.ID().getText(), f) != null) {
                throw error("duplicate formal function argument '" + f.ID().getText() + "'", pos(f));
            }
        }
        if (arg != null && byName.containsKey(arg)) {
            throw error("duplicate formal function argument '" + arg + "'", pos);
        }
        Map<String, Integer> slots = new HashMap<>();
        int base = 0;
        if (arg != null) {
            slots.put(arg, 0);
            base = 1;
        }
        int k = base;
        for (String n : byName.keySet()) {
            slots.put(n, k++);
        }
        Scope inner = scope.bind(slots);
        Formal[] fs = new Formal[byName.size()];
        int i = 0;
        for (FormalContext f : byName.values()) {
            Expr def = f.expr() == null ? null : expr(f.expr(), inner, null);
            fs[i++] = new Formal(f.ID().getText(), def, pos(f));
        }
        return new LambdaExpr(pos, name, arg, fs, formals.ELLIPSIS() != null, function(body, inner, name));
    }

    private Expr ifExpr(ExprIfContext ctx, Scope scope, String name) {
        if (ctx instanceof IfExprContext c) {
            return new If(pos(c), expr(c.expr(0), scope, null), expr(c.expr(1), scope, null),
                    expr(c.expr(2), scope, null));
        }
        return op(((PlainOpContext) ctx).exprOp(), scope, name);
    }

    private Expr op(ExprOpContext ctx, Scope scope, String name) {
        if (ctx instanceof PlainAppContext c) {
            return app(c.exprApp(), scope, name);
        }
        Pos pos = pos(ctx);
        if (ctx instanceof NegateContext c) {
            return new BinaryOp(pos, Operator.SUB, new Literal(pos, NixInt.of(0)), op(c.exprOp(), scope, null));
        }
        if (ctx instanceof NotContext c) {
            return new Not(pos, op(c.exprOp(), scope, null));
        }
        if (ctx instanceof HasAttrContext c) {
            nonAssociative(c.exprOp(), HasAttrContext.class, c.QUESTION().getSymbol());
            return new HasAttr(pos, op(c.exprOp(), scope, null), attrPath(c.attrpath(), scope));
        }
        if (ctx instanceof AddSubContext c && c.op.getType() == NixParser.PLUS) {
            return new Add(pos, op(c.exprOp(0), scope, null), op(c.exprOp(1), scope, null),
                    pos(c.exprOp(0)), pos(c.exprOp(1)));
        }
        List<ExprOpContext> operands = ctx.getRuleContexts(ExprOpContext.class);
        ExprOpContext left = operands.get(0);
        ExprOpContext right = operands.get(1);
        Operator operator;
        if (ctx instanceof AddSubContext) {
            operator = Operator.SUB;
        } else if (ctx instanceof MulDivContext c) {
            operator = c.op.getType() == NixParser.STAR ? Operator.MUL : Operator.DIV;
        } else if (ctx instanceof ConcatContext) {
            operator = Operator.CONCAT;
        } else if (ctx instanceof UpdateContext) {
            operator = Operator.UPDATE;
        } else if (ctx instanceof CompareContext c) {
            nonAssociative(left, CompareContext.class, c.op);
            nonAssociative(right, CompareContext.class, c.op);
            operator = switch (c.op.getType()) {
                case NixParser.LT -> Operator.LT;
                case NixParser.GT -> Operator.GT;
                case NixParser.LEQ -> Operator.LE;
                default -> Operator.GE;
            };
        } else if (ctx instanceof EqualityContext c) {
            nonAssociative(left, EqualityContext.class, c.op);
            nonAssociative(right, EqualityContext.class, c.op);
            operator = c.op.getType() == NixParser.EQ ? Operator.EQ : Operator.NEQ;
        } else if (ctx instanceof AndContext) {
            operator = Operator.AND;
        } else if (ctx instanceof OrContext) {
            operator = Operator.OR;
        } else {
            operator = Operator.IMPL;
        }
        return new BinaryOp(pos, operator, op(left, scope, null), op(right, scope, null));
    }

    /** Nix's ==, !=, <, >, <=, >= and ? do not chain: {@code a == b == c} is a syntax error. */
    private void nonAssociative(ExprOpContext operand, Class<?> kind, Token operator) {
        if (kind.isInstance(operand)) {
            throw error("syntax error, unexpected " + TokenNames.describe(operator), pos(operator));
        }
    }

    private Expr app(ExprAppContext ctx, Scope scope, String name) {
        if (ctx instanceof PlainSelectContext c) {
            return select(c.exprSelect(), scope, name);
        }
        List<ExprSelectContext> args = new ArrayList<>();
        ExprAppContext f = ctx;
        while (f instanceof ApplyContext a) {
            args.add(0, a.exprSelect());
            f = a.exprApp();
        }
        Expr function = select(((PlainSelectContext) f).exprSelect(), scope, null);
        Expr[] built = new Expr[args.size()];
        for (int i = 0; i < built.length; i++) {
            built[i] = select(args.get(i), scope, null);
        }
        return new Call(pos(ctx), function, built);
    }

    private Expr select(ExprSelectContext c, Scope scope, String name) {
        if (c.attrpath() != null) {
            Expr fallback = c.exprSelect() == null ? null : select(c.exprSelect(), scope, null);
            return new Select(pos(c), simple(c.exprSimple(), scope, null), attrPath(c.attrpath(), scope), fallback);
        }
        if (c.applyToOr != null) {
            return new Call(pos(c), simple(c.exprSimple(), scope, null), new Expr[] {variable("or", pos(c), scope)});
        }
        return simple(c.exprSimple(), scope, name);
    }

    private Expr variable(String name, Pos pos, Scope scope) {
        if (name.equals("__curPos")) {
            return new CurPos(pos);
        }
        Expr v = scope.resolve(name, pos);
        if (v == null) {
            throw error("undefined variable '" + name + "'", pos);
        }
        return v;
    }

    private Expr simple(ExprSimpleContext ctx, Scope scope, String name) {
        Pos pos = pos(ctx);
        if (ctx instanceof VarContext c) {
            return variable(c.ID().getText(), pos, scope);
        }
        if (ctx instanceof IntContext c) {
            try {
                return new Literal(pos, NixInt.of(Long.parseLong(c.INT().getText())));
            } catch (NumberFormatException e) {
                throw error("invalid integer '" + c.INT().getText() + "'", pos);
            }
        }
        if (ctx instanceof FloatContext c) {
            return new Literal(pos, new NixFloat(parseFloat(c.FLOAT().getText(), pos)));
        }
        if (ctx instanceof StringContext c) {
            return string(pos, c.stringPart(), scope);
        }
        if (ctx instanceof IndStringContext c) {
            return indString(pos, c.indStringPart(), scope);
        }
        if (ctx instanceof PathContext c) {
            return new Literal(pos, new NixPath(path(c.PATH().getText(), pos)));
        }
        if (ctx instanceof HomePathContext c) {
            return new Literal(pos, new NixPath(homePath(c.HPATH().getText(), pos)));
        }
        if (ctx instanceof InterpolatedPathContext c) {
            return interpolatedPath(pos, c, scope);
        }
        if (ctx instanceof SearchPathContext c) {
            String text = c.SPATH().getText();
            return new Call(pos, variable("__findFile", pos, scope), new Expr[] {
                variable("__nixPath", pos, scope),
                new Literal(pos, NixString.of(text.substring(1, text.length() - 1)))});
        }
        if (ctx instanceof UriContext c) {
            return new Literal(pos, NixString.of(c.URI().getText()));
        }
        if (ctx instanceof ParensContext c) {
            return expr(c.expr(), scope, name);
        }
        if (ctx instanceof LegacyLetContext c) {
            Expr set = recAttrs(pos, c.binds(), scope);
            return new Select(pos, set, new AttrName[] {new AttrName.Static("body")}, null);
        }
        if (ctx instanceof RecAttrsContext c) {
            return recAttrs(pos, c.binds(), scope);
        }
        if (ctx instanceof AttrsContext c) {
            return attrs(pos, collect(c.binds(), scope), scope);
        }
        ListContext c = (ListContext) ctx;
        List<ExprSelectContext> elems = c.exprSelect();
        Expr[] built = new Expr[elems.size()];
        for (int i = 0; i < built.length; i++) {
            built[i] = select(elems.get(i), scope, null);
        }
        return new ListLit(pos, built);
    }

    /** As strtod, rejecting values that overflow or underflow (Nix reports ERANGE as invalid). */
    private double parseFloat(String text, Pos pos) {
        double v = Double.parseDouble(text);
        boolean zeroDigits = text.replaceAll("[eE].*", "").replaceAll("[^1-9]", "").isEmpty();
        if (Double.isInfinite(v) || (!zeroDigits && Math.abs(v) < Double.MIN_NORMAL)) {
            throw error("invalid float '" + text + "'", pos);
        }
        return v;
    }

    // ---- paths

    private String path(String text, Pos pos) {
        if (text.endsWith("/") && text.length() > 1) {
            throw trailingSlash(text, pos);
        }
        return Paths.absolute(text, baseDir);
    }

    private String homePath(String text, Pos pos) {
        if (text.endsWith("/")) {
            throw trailingSlash(text, pos);
        }
        return Paths.canonical(homeDir + text.substring(1));
    }

    /** Nix's lexer reports this where the character after the path starts. */
    private ParseError trailingSlash(String text, Pos pos) {
        return error("path has a trailing slash", new Pos(source, pos.line(), pos.column() + text.length()));
    }

    private Expr interpolatedPath(Pos pos, InterpolatedPathContext c, Scope scope) {
        String start = c.PATH_INTERP_START().getText();
        start = start.substring(0, start.length() - 2);
        String prefix = start.startsWith("~") ? homeDir + start.substring(1) : Paths.absolute(start, baseDir);
        if (start.endsWith("/") && !prefix.endsWith("/")) {
            prefix += "/";
        }
        List<Expr> parts = new ArrayList<>();
        List<Pos> positions = new ArrayList<>();
        parts.add(new Literal(pos, new NixPath(prefix)));
        positions.add(pos);
        parts.add(expr(c.expr(), scope, null));
        positions.add(pos(c.expr()));
        for (PathPartContext p : c.pathPart()) {
            if (p instanceof PathTextContext t) {
                parts.add(new Literal(pos(t), NixString.of(t.getText())));
                positions.add(pos(t));
            } else {
                PathInterpContext i = (PathInterpContext) p;
                parts.add(expr(i.expr(), scope, null));
                positions.add(pos(i));
            }
        }
        if (c.pathPart().size() > 0 && c.pathPart().get(c.pathPart().size() - 1) instanceof PathTextContext t
                && t.getText().endsWith("/")) {
            throw trailingSlash(t.getText(), pos(t));
        }
        return new InterpolatedPath(pos, parts.toArray(new Expr[0]), positions.toArray(new Pos[0]));
    }

    // ---- strings

    private Expr string(Pos pos, List<StringPartContext> parts, Scope scope) {
        List<Expr> exprs = new ArrayList<>();
        List<Pos> positions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Pos textPos = null;
        boolean interpolated = false;
        for (StringPartContext p : parts) {
            if (p instanceof StrInterpContext i) {
                if (text.length() > 0) {
                    exprs.add(new Literal(textPos, NixString.of(text.toString())));
                    positions.add(textPos);
                    text.setLength(0);
                }
                exprs.add(expr(i.expr(), scope, null));
                positions.add(pos(i));
                interpolated = true;
            } else {
                if (text.length() == 0) {
                    textPos = pos(p);
                }
                text.append(unescape(p.getText()));
            }
        }
        if (!interpolated) {
            return new Literal(pos, NixString.of(text.toString()));
        }
        if (text.length() > 0) {
            exprs.add(new Literal(textPos, NixString.of(text.toString())));
            positions.add(textPos);
        }
        return new InterpolatedString(pos, exprs.toArray(new Expr[0]), positions.toArray(new Pos[0]));
    }

    /** The escapes of "…" strings: \n, \r, \t, and \x for any other x; raw CR and CRLF become LF. */
    static String unescape(String s) {
        StringBuilder t = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                t.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
            } else if (c == '\r') {
                t.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                t.append(c);
            }
        }
        return t.toString();
    }

    private Expr indString(Pos pos, List<IndStringPartContext> parts, Scope scope) {
        List<IndentedStrings.Part> raw = new ArrayList<>();
        List<Pos> rawPos = new ArrayList<>();
        for (IndStringPartContext p : parts) {
            rawPos.add(pos(p));
            if (p instanceof IndTextContext t) {
                raw.add(new IndentedStrings.Part(t.getText(), true, null));
            } else if (p instanceof IndEscDollarContext || p instanceof IndDollarContext) {
                raw.add(new IndentedStrings.Part("$", false, null));
            } else if (p instanceof IndEscQuotesContext) {
                raw.add(new IndentedStrings.Part("''", false, null));
            } else if (p instanceof IndQuoteContext) {
                raw.add(new IndentedStrings.Part("'", false, null));
            } else if (p instanceof IndEscCharContext e) {
                raw.add(new IndentedStrings.Part(unescape("\\" + e.getText().substring(3)), false, null));
            } else {
                raw.add(new IndentedStrings.Part(null, false, ((IndInterpContext) p).expr()));
            }
        }
        if (raw.isEmpty()) {
            return new Literal(pos, NixString.EMPTY);
        }
        List<IndentedStrings.Part> stripped = IndentedStrings.strip(raw);
        if (stripped.size() == 1 && stripped.get(0).text() != null) {
            return new Literal(pos, NixString.of(stripped.get(0).text()));
        }
        Expr[] exprs = new Expr[stripped.size()];
        Pos[] positions = new Pos[stripped.size()];
        for (int i = 0; i < exprs.length; i++) {
            IndentedStrings.Part part = stripped.get(i);
            positions[i] = rawPos.get(i);
            exprs[i] = part.text() != null ? new Literal(positions[i], NixString.of(part.text()))
                    : expr((ExprContext) part.interpolation(), scope, null);
        }
        return new InterpolatedString(pos, exprs, positions);
    }

    // ---- attribute names

    private AttrName[] attrPath(AttrpathContext ctx, Scope scope) {
        List<AttrpathElemContext> elems = ctx.attrpathElem();
        AttrName[] names = new AttrName[elems.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = attrName(elems.get(i), scope);
        }
        return names;
    }

    private AttrName attrName(AttrpathElemContext e, Scope scope) {
        String s = staticName(e);
        if (s != null) {
            return new AttrName.Static(s);
        }
        return new AttrName.Dynamic(dynamicName(((DynamicAttrContext) e).stringAttr(), scope));
    }

    /** The name if it is known when parsing: an identifier, or a quoted name without interpolation. */
    private static String staticName(AttrpathElemContext e) {
        if (e instanceof StaticAttrContext s) {
            return s.attr().getText();
        }
        return staticName(((DynamicAttrContext) e).stringAttr());
    }

    private static String staticName(StringAttrContext s) {
        if (s instanceof InterpolatedAttrContext i) {
            // ${"a"} with a plain string literal is a static name to Nix.
            ExprSimpleContext simple = asSimple(i.expr());
            return simple instanceof StringContext str ? staticString(str.stringPart()) : null;
        }
        return staticString(((QuotedAttrContext) s).stringPart());
    }

    private static String staticString(List<StringPartContext> parts) {
        StringBuilder sb = new StringBuilder();
        for (StringPartContext p : parts) {
            if (p instanceof StrInterpContext) {
                return null;
            }
            sb.append(unescape(p.getText()));
        }
        return sb.toString();
    }

    private Expr dynamicName(StringAttrContext s, Scope scope) {
        if (s instanceof QuotedAttrContext q) {
            return string(pos(q), q.stringPart(), scope);
        }
        return expr(((InterpolatedAttrContext) s).expr(), scope, null);
    }

    // ---- sets and let

    /** Collects the bindings of a set or let, expanding attribute paths. */
    private Bindings collect(BindsContext ctx, Scope scope) {
        Bindings b = new Bindings();
        for (BindContext bind : ctx.bind()) {
            if (bind instanceof BindingContext c) {
                addPath(b, c.attrpath().attrpathElem(), 0, new Bindings.ExprDef(c.expr(), pos(c.attrpath())), scope);
            } else {
                InheritContext c = (InheritContext) bind;
                // Nix gives every inherited name the position where the list of names begins.
                Token before = c.RPAREN() != null ? c.RPAREN().getSymbol() : c.INHERIT().getSymbol();
                Pos namesPos = new Pos(source, before.getLine(),
                        before.getCharPositionInLine() + 1 + before.getText().length());
                for (InheritAttrContext a : c.inheritAttr()) {
                    String name;
                    if (a instanceof InheritNameContext n) {
                        name = n.attr().getText();
                    } else {
                        name = staticName(((InheritStringContext) a).stringAttr());
                        if (name == null) {
                            throw error("dynamic attributes not allowed in inherit", pos(a));
                        }
                    }
                    Pos p = namesPos;
                    Bindings.Def def = c.expr() == null ? new Bindings.InheritDef(name, p)
                            : new Bindings.InheritFromDef(c.expr(), name, p);
                    Bindings.Def old = b.statics.putIfAbsent(name, def);
                    if (old != null) {
                        throw error("attribute '" + name + "' already defined at " + old.pos(), p);
                    }
                }
            }
        }
        return b;
    }

    private void addPath(Bindings b, List<AttrpathElemContext> path, int i, Bindings.Def value, Scope scope) {
        AttrpathElemContext elem = path.get(i);
        String name = staticName(elem);
        boolean last = i == path.size() - 1;
        if (name == null) {
            Bindings.Def v = value;
            if (!last) {
                Bindings nested = new Bindings();
                addPath(nested, path, i + 1, value, scope);
                v = new Bindings.NestedDef(nested, pos(path.get(i + 1)));
            }
            b.dynamic.add(new Bindings.DynamicDef(((DynamicAttrContext) elem).stringAttr(), v, pos(elem)));
            return;
        }
        Bindings.Def existing = b.statics.get(name);
        if (last) {
            if (existing == null) {
                b.statics.put(name, value);
                return;
            }
            Bindings into = mergeable(existing, scope);
            Bindings from = mergeable(value, scope);
            if (into == null || from == null) {
                throw error("attribute '" + showPath(path, i) + "' already defined at " + existing.pos(), value.pos());
            }
            for (Map.Entry<String, Bindings.Def> e : from.statics.entrySet()) {
                if (into.statics.putIfAbsent(e.getKey(), e.getValue()) != null) {
                    throw error("attribute '" + showPath(path, i) + "." + e.getKey() + "' already defined at "
                            + into.statics.get(e.getKey()).pos(), e.getValue().pos());
                }
            }
            into.dynamic.addAll(from.dynamic);
            b.statics.put(name, new Bindings.NestedDef(into, existing.pos()));
            return;
        }
        Bindings nested;
        if (existing == null) {
            nested = new Bindings();
            b.statics.put(name, new Bindings.NestedDef(nested, pos(elem)));
        } else {
            nested = mergeable(existing, scope);
            if (nested == null) {
                throw error("attribute '" + showPath(path, i) + "' already defined at " + existing.pos(), value.pos());
            }
            b.statics.put(name, new Bindings.NestedDef(nested, existing.pos()));
        }
        addPath(nested, path, i + 1, value, scope);
    }

    /** The bindings of a definition that is a plain set, which attribute paths may add to; else null. */
    private Bindings mergeable(Bindings.Def def, Scope scope) {
        if (def instanceof Bindings.NestedDef n) {
            return n.bindings();
        }
        if (def instanceof Bindings.ExprDef e) {
            ExprSimpleContext simple = asSimple(e.expr());
            if (simple instanceof AttrsContext a) {
                return collect(a.binds(), scope);
            }
            if (simple instanceof RecAttrsContext r) {
                Bindings b = collect(r.binds(), scope);
                b.rec = true;
                return b;
            }
        }
        return null;
    }

    /** The expression if it is, through parentheses, a simple expression such as a set literal. */
    private static ExprSimpleContext asSimple(ExprContext e) {
        if (e.exprFunction() instanceof PlainIfContext pi && pi.exprIf() instanceof PlainOpContext po
                && po.exprOp() instanceof PlainAppContext pa && pa.exprApp() instanceof PlainSelectContext ps
                && ps.exprSelect().attrpath() == null && ps.exprSelect().applyToOr == null) {
            ExprSimpleContext s = ps.exprSelect().exprSimple();
            return s instanceof ParensContext p ? asSimple(p.expr()) : s;
        }
        return null;
    }

    private static String showPath(List<AttrpathElemContext> path, int upTo) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= upTo; i++) {
            if (i > 0) {
                sb.append('.');
            }
            String n = staticName(path.get(i));
            sb.append(n == null ? "\"${...}\"" : n);
        }
        return sb.toString();
    }

    private Expr attrs(Pos pos, Bindings b, Scope scope) {
        int n = b.statics.size();
        String[] names = new String[n];
        Expr[] values = new Expr[n];
        Pos[] positions = new Pos[n];
        int i = 0;
        for (Map.Entry<String, Bindings.Def> e : b.statics.entrySet()) {
            names[i] = e.getKey();
            positions[i] = e.getValue().pos();
            values[i] = value(e.getKey(), e.getValue(), scope, scope, 0);
            i++;
        }
        return new AttrsLit(pos, names, values, positions, dynamic(b, scope));
    }

    private Expr recAttrs(Pos pos, BindsContext ctx, Scope scope) {
        return recAttrs(pos, collect(ctx, scope), scope);
    }

    private Expr recAttrs(Pos pos, Bindings b, Scope scope) {
        Map<String, Integer> slots = slots(b);
        Scope inner = scope.bind(slots);
        int n = b.statics.size();
        String[] names = new String[n];
        Expr[] values = new Expr[n];
        Pos[] positions = new Pos[n];
        int i = 0;
        for (Map.Entry<String, Bindings.Def> e : b.statics.entrySet()) {
            names[i] = e.getKey();
            positions[i] = e.getValue().pos();
            values[i] = value(e.getKey(), e.getValue(), inner, scope, 1);
            i++;
        }
        return new RecAttrsLit(pos, names, values, positions, dynamic(b, inner));
    }

    private interface BodyBuilder {
        Expr build(Scope inner);
    }

    private Expr let(Pos pos, BindsContext ctx, Scope scope, BodyBuilder body) {
        Bindings b = collect(ctx, scope);
        if (!b.dynamic.isEmpty()) {
            throw error("dynamic attributes not allowed in let", pos);
        }
        Scope inner = scope.bind(slots(b));
        Expr[] values = new Expr[b.statics.size()];
        int i = 0;
        for (Map.Entry<String, Bindings.Def> e : b.statics.entrySet()) {
            values[i++] = value(e.getKey(), e.getValue(), inner, scope, 1);
        }
        return new Let(pos, b.statics.keySet().toArray(new String[0]), values, body.build(inner));
    }

    private static Map<String, Integer> slots(Bindings b) {
        Map<String, Integer> slots = new HashMap<>();
        int i = 0;
        for (String name : b.statics.keySet()) {
            slots.put(name, i++);
        }
        return slots;
    }

    /**
     * Builds one attribute's value in {@code scope}; an inherited variable is looked up in
     * {@code outer}, which is {@code depth} scopes out of it (1 for rec sets and let).
     */
    private Expr value(String name, Bindings.Def def, Scope scope, Scope outer, int depth) {
        if (def instanceof Bindings.ExprDef e) {
            return expr(e.expr(), scope, name);
        }
        if (def instanceof Bindings.InheritDef i) {
            Expr v = outer.resolve(name, i.pos(), depth);
            if (v == null) {
                throw error("undefined variable '" + name + "'", i.pos());
            }
            return v;
        }
        if (def instanceof Bindings.InheritFromDef i) {
            return new Select(i.pos(), expr(i.from(), scope, null), new AttrName[] {new AttrName.Static(name)}, null);
        }
        Bindings.NestedDef nested = (Bindings.NestedDef) def;
        return nested.bindings().rec ? recAttrs(nested.pos(), nested.bindings(), scope)
                : attrs(nested.pos(), nested.bindings(), scope);
    }

    private DynamicAttr[] dynamic(Bindings b, Scope scope) {
        DynamicAttr[] out = new DynamicAttr[b.dynamic.size()];
        for (int i = 0; i < out.length; i++) {
            Bindings.DynamicDef d = b.dynamic.get(i);
            out[i] = new DynamicAttr(dynamicName(d.nameString(), scope), value(null, d.value(), scope, scope, 0),
                    d.pos());
        }
        return out;
    }
}
