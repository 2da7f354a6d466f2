package dev.slipway.deployment.appconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form that digests are taken of (CFG-3, DEP-4): compact JSON (no whitespace),
 * object members sorted by key (Java {@code String} order, i.e. UTF-16 code units), strings as
 * Jackson escapes them, integers as plain digits, UTF-8 bytes. The SHA-256 of those bytes, in
 * lowercase hex.
 */
final class CanonicalJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {
    }

    /** {@code value} (plain maps with String keys, lists, scalars) as canonical JSON. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain value", e);
        }
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), sorted(item)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(sorted(item)));
            return items;
        }
        return value;
    }
}
