package dev.slipway.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * A plain Kafka client on the test run's real broker: reads a topic from the start and plays other
 * services by sending CloudEvents in binary mode (EVT-1).
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private KafkaProbe(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads {@code topic} from its beginning. */
    public static KafkaProbe reading(String topic) {
        return new KafkaProbe(topic);
    }

    /** Waits up to {@code timeout} for a record matching {@code match}. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> poll(match), Optional::isPresent).orElseThrow();
    }

    /** Every record seen so far (after at least one poll). */
    public List<ConsumerRecord<String, String>> seen() {
        return List.copyOf(seen);
    }

    private Optional<ConsumerRecord<String, String>> poll(Predicate<ConsumerRecord<String, String>> match) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(match).findFirst();
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String type, String key) {
        return record -> type.equals(header(record, "ce_type")) && key.equals(record.key());
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sends one CloudEvent in binary mode and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, Map<String, String> ceHeaders, String jsonData) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, jsonData);
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            ceHeaders.forEach((name, value) -> record.headers().add("ce_" + name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + topic, e.getCause());
        }
    }

    private static String bootstrap() {
        String bootstrap = System.getProperty(SlipwayTestResource.BOOTSTRAP_PROPERTY);
        if (bootstrap == null) {
            throw new IllegalStateException("No test broker: is SlipwayTestResource active?");
        }
        return bootstrap;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
