package dev.slipway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** EVT-4: docs/events.md and the EventCatalog describe the same events. */
class PlatformEventsCatalogueTest {

    private static Map<String, String> documented() throws IOException {
        Path root = Path.of(System.getProperty("slipway.root", "../.."));
        List<String> lines = Files.readAllLines(root.resolve("docs/events.md"));
        Map<String, String> rows = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith("| dev.slipway.")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
                rows.put(cells.get(0), String.join(" | ", cells));
            }
        }
        return rows;
    }

    private static String row(EventType<?> type) {
        String fields = Arrays.stream(type.dataClass().getRecordComponents()).map(c -> c.getName()).collect(Collectors.joining(", "));
        return String.join(" | ", type.type(), type.producer().service(), type.topic(), String.join(", ", type.consumers()),
                type.dataClass().getSimpleName(), fields);
    }

    @Test
    void everyCatalogueEventIsDocumentedWithItsProducerTopicConsumersAndFields() throws IOException {
        Map<String, String> docs = documented();
        Map<String, String> code = new TreeMap<>();
        EventCatalog.ALL.forEach(type -> code.put(type.type(), row(type)));
        assertEquals(code.keySet(), docs.keySet(), "event types in docs/events.md vs EventCatalog");
        code.forEach((type, row) -> assertEquals(row, docs.get(type), "docs/events.md row of " + type));
    }

    @Test
    void typesFollowTheCloudEventsNamingOfEvt1AndAreUnique() {
        assertEquals(EventCatalog.ALL.size(), EventCatalog.ALL.stream().map(EventType::type).distinct().count());
        EventCatalog.ALL.forEach(type -> assertTrue(type.type().matches("dev\\.slipway\\.[a-z-]+\\.[a-z-]+\\.v\\d+"), type.type()));
    }

    /** EVT-2: the topics and the one service that writes each. */
    private static final Map<String, String> WRITER_OF_TOPIC = Map.of(
            "slipway.environments", "environment-service",
            "slipway.deployments", "deployment-service",
            "slipway.tickets", "ticket-service",
            "slipway.access", "ssh-gateway",
            "slipway.git", "ssh-gateway");

    @Test
    void eachTopicIsWrittenByTheOneServiceEvt2NamesForIt() {
        for (EventType<?> type : EventCatalog.ALL) {
            assertEquals(WRITER_OF_TOPIC.get(type.topic()), type.producer().service(),
                    type.type() + " is produced by " + type.producer().service() + " on " + type.topic());
            assertEquals("/slipway/" + type.producer().service(), type.producer().source(), type.type() + ": CloudEvents source (EVT-1)");
        }
        for (Producer producer : Producer.values()) {
            assertEquals(WRITER_OF_TOPIC.get(producer.topic()), producer.service(), producer + " writes " + producer.topic());
        }
    }
}
