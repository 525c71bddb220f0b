package org.nixproc.lang.ast;

/**
 * The binary operators other than {@code +}, with the spelling {@link ExprPrinter} uses. Nix turns
 * {@code -}, {@code *}, {@code /} and the orderings into calls of builtins (__sub, __lessThan, ...),
 * which is how it prints them and where their errors point.
 */
public enum Operator {
    EQ("=="), NEQ("!="), AND("&&"), OR("||"), IMPL("->"), UPDATE("//"), CONCAT("++"),
    SUB("__sub"), MUL("__mul"), DIV("__div"), LT("__lessThan"), GT("__lessThan"), LE("__lessThan"), GE("__lessThan");

    public final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** Whether Nix desugars the operator into a call of a builtin. */
    public boolean isCall() {
        return symbol.startsWith("__");
    }
}
