package dev.slipway.ops;

import dev.slipway.api.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The API-8 table as the entry points (the Ingress, compose's nginx) hold it: one regular expression per row. */
final class EntryPoints {

    /** A row as a proxy rule: the expression api/README.md gives, the service and its port. */
    record Rule(String regex, String service, int port) {
    }

    private EntryPoints() {
    }

    static RouteTable table() {
        try {
            return RouteTable.read(Checkout.path("api/routes.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {name}} becomes {@code [^/]+}; the pattern matches its path and anything below it. */
    static String regex(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", "[^/]+") + "(/.*)?$";
    }

    static List<Rule> rules() {
        return table().routes().stream().map(route -> new Rule(regex(route.pattern()), route.service(), route.port())).toList();
    }

    /** The regular expression of the internal prefix, which every entry point answers with 404. */
    static String internal() {
        return regex(table().internal());
    }
}
