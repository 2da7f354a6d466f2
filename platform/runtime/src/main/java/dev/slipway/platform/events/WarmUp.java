package dev.slipway.platform.events;

/**
 * Work a service does once, before its event consumer joins the group and the service reports
 * ready, so that the first event after a start applies as fast as the rest (EVT-5): loading what the
 * handlers use on a first call. Implementations are CDI beans; a failure is logged and ignored.
 */
public interface WarmUp {

    void warmUp() throws Exception;
}
