package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a view's {@code actions} (the platform's NextAction) against its endpoints: every refused
 * action is tried, and its endpoint must answer exactly the refusal's status, problem type and detail.
 */
public final class NextActions {

    private NextActions() {
    }

    /** The view's actions by name, each refused one tried with {@code attempt} (action name -> the endpoint's answer). */
    public static Map<String, Map<String, Object>> checked(List<Map<String, Object>> actions, Function<String, ValidatableResponse> attempt) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> action : actions) {
            String name = (String) action.get("name");
            byName.put(name, action);
            if (Boolean.FALSE.equals(action.get("allowed"))) {
                Map<String, Object> refusal = refusal(byName, name);
                attempt.apply(name).statusCode((Integer) refusal.get("status")).body("type", equalTo(refusal.get("type")))
                        .body("detail", equalTo(refusal.get("detail")));
            }
        }
        return byName;
    }

    /** The refusal of action {@code name}, which must have one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> refusal(Map<String, Map<String, Object>> actions, String name) {
        Map<String, Object> refusal = (Map<String, Object>) actions.get(name).get("refusal");
        assertThat(refusal).as("the refusal of " + name).isNotNull();
        return refusal;
    }
}
