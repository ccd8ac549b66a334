package io.telltale.signatures.rule;

import java.util.List;

/** An address field of a rule header: {@code any}, a variable, an address or CIDR, a list, a negation. */
public sealed interface AddressExpr {

    /** {@code any}. */
    record Any() implements AddressExpr {
    }

    /** {@code $HOME_NET}: the name without the dollar. */
    record Variable(String name) implements AddressExpr {
    }

    /** An address or a CIDR as written ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.1}). */
    record Cidr(String text) implements AddressExpr {
    }

    /** {@code [a,b,...]}. */
    record Group(List<AddressExpr> members) implements AddressExpr {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** {@code !x}. */
    record Not(AddressExpr negated) implements AddressExpr {
    }
}
