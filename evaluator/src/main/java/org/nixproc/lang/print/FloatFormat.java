package org.nixproc.lang.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats as C++'s default stream output writes them, which is how Nix prints them: like
 * printf's %g with 6 significant digits (1.5, 1e+10, 1.23457e+08, 1e-06), trailing zeros dropped.
 */
public final class FloatFormat {
    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    private FloatFormat() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(SIX);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String m = stripZeros(mantissa.setScale(5, RoundingMode.UNNECESSARY).toPlainString());
            String e = Integer.toString(Math.abs(exponent));
            return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return stripZeros(rounded.setScale(Math.max(5 - exponent, 0), RoundingMode.UNNECESSARY).toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
