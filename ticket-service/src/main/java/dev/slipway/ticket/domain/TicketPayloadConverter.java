package dev.slipway.ticket.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link TicketPayload} as JSON text; it is read back only by this service. */
@Converter
public class TicketPayloadConverter implements AttributeConverter<TicketPayload, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String convertToDatabaseColumn(TicketPayload payload) {
        try {
            return JSON.writeValueAsString(payload == null ? TicketPayload.NONE : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ticket payload cannot be written", e);
        }
    }

    @Override
    public TicketPayload convertToEntityAttribute(String text) {
        try {
            return text == null ? TicketPayload.NONE : JSON.readValue(text, TicketPayload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored ticket payload cannot be read", e);
        }
    }
}
