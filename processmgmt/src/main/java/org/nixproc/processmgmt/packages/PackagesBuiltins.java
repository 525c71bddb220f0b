package org.nixproc.processmgmt.packages;

import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.BuiltinProvider;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.ThrownError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;
import org.nixproc.lang.ast.Pos;

/**
 * The builtins the bundled package set ({@code <nixpkgs>}) needs to describe host packages:
 * <ul>
 * <li>{@code __nixprocHostExecutable pkg debianPackage name}: the absolute path of a host
 * executable, or a catchable error (as {@code throw}) naming it and the Debian package to install;
 * <li>{@code __nixprocFindHostExecutable name}: the path, or null when there is none.
 * </ul>
 * Both are only called when a host package's derivation is instantiated, so evaluating the
 * package set never fails because an unrelated package is missing.
 */
public final class PackagesBuiltins implements BuiltinProvider {
    @Override
    public void register(BuiltinRegistry r) {
        r.primop("__nixprocHostExecutable", 3, (st, args, pos) -> required(st, args, pos));
        r.primop("__nixprocFindHostExecutable", 1, (st, args, pos) -> {
            String name = Bytes.toJava(st.forceStringNoContext(args[0], pos).value());
            return HostExecutables.find(name, st.options().environment())
                    .<Value>map(p -> NixString.of(Bytes.fromJava(p))).orElse(NixNull.NULL);
        });
    }

    private static Value required(EvalState st, Lazy[] args, Pos pos) {
        String pkg = Bytes.toJava(st.forceStringNoContext(args[0], pos).value());
        String debian = Bytes.toJava(st.forceStringNoContext(args[1], pos).value());
        String name = Bytes.toJava(st.forceStringNoContext(args[2], pos).value());
        return HostExecutables.find(name, st.options().environment())
                .<Value>map(p -> NixString.of(Bytes.fromJava(p)))
                .orElseThrow(() -> new ThrownError(HostExecutables.notFoundMessage(pkg, name, debian), pos));
    }
}
