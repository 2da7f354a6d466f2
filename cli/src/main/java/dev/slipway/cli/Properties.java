package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How info commands print one resource: a Property/Value table, one property's value, or the API's JSON. */
final class Properties {

    private Properties() {
    }

    /** A table of the resource's fields in the API's order; nested objects and arrays as compact JSON. */
    static Table of(JsonNode resource) {
        Table table = Table.properties();
        for (Iterator<Map.Entry<String, JsonNode>> fields = resource.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            table.property(field.getKey(), value.isNull() ? "" : value.isValueNode() ? value.asText() : Json.write(value));
        }
        return table;
    }

    /**
     * Prints {@code property}'s value alone when one is named (an unknown one is a usage error), else the table or the
     * JSON.
     */
    static int print(Action action, Output output, Table table, JsonNode json, String property) {
        if (property == null) {
            output.print(table, json);
            return ExitCodes.OK;
        }
        for (List<String> row : table.rows()) {
            if (row.get(0).equalsIgnoreCase(property)) {
                if (output.format() == Format.JSON) {
                    output.json(json.get(row.get(0)));
                } else {
                    action.say(row.get(1));
                }
                return ExitCodes.OK;
            }
        }
        throw CliException.usage("No property '" + property + "'; the properties are: "
                + String.join(", ", table.rows().stream().map(row -> row.get(0)).toList()));
    }

    static int print(Action action, Output output, JsonNode resource, String property) {
        return print(action, output, of(resource), resource, property);
    }
}
