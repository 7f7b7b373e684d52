package com.contoso.media.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewClipTest {

    @Test
    void instantIsTheDefaultAndTheTenantsFieldsComeAlong() {
        NewClip clip = NewClip.parse("{\"start\":1.5,\"end\":9,\"title\":\"Intro\"}");

        assertThat(clip.frameAccurate()).isFalse();
        assertThat(clip.start()).isEqualTo(1.5);
        assertThat(clip.tenantMetadata().title()).contains("Intro");
        assertThat(NewClip.parse("{\"start\":0,\"end\":2,\"mode\":\"accurate\"}").frameAccurate()).isTrue();
    }

    @ParameterizedTest(name = "{0} in a 20 s video -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"start\":5,\"end\":5}              | invalid_clip_bounds",
        "{\"start\":6,\"end\":5}              | invalid_clip_bounds",
        "{\"start\":-0.5,\"end\":5}           | invalid_clip_bounds",
        "{\"start\":19.5,\"end\":20.01}       | invalid_clip_bounds",
        "{\"start\":3,\"end\":3.999}          | invalid_clip_bounds",
        "{\"start\":\"3\",\"end\":9}          | invalid_clip_bounds",
        "{\"start\":3}                        | missing_field",
        "{\"start\":3,\"end\":9,\"mode\":7}   | invalid_clip_mode",
        "{\"start\":3,\"end\":9,\"mode\":\"fast\"} | invalid_clip_mode",
        "[3,9]                                | malformed_json",
    })
    void boundsThatDoNotMakeAClipAreRefusedWithTheirCode(String body, String code) {
        assertThatThrownBy(() -> NewClip.parse(body).checkWithin(20.0))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo(code);
                });
    }

    @Test
    void aClipMayRunToTheVeryEndAndLastExactlyASecond() {
        assertThatCode(() -> NewClip.parse("{\"start\":19,\"end\":20}").checkWithin(20.0)).doesNotThrowAnyException();
    }
}
