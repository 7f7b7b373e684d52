package com.contoso.media.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptionFileTest {

    @Test
    void srtBecomesWebVttWithMarkupWebVttLacksRemovedAndTextEscaped() {
        CaptionFile file = CaptionFile.parse("\uFEFF1\r\n00:00:01,5 --> 00:00:02,250 X1:100 X2:200 Y1:10 Y2:20\r\n"
                + "{\\an8}<font color=\"#fff\">Tom & Jerry</font> <I>run</I>\r\n-> a < b\r\n\r\n"
                + "2\r\n01:02:03,004 --> 01:02:04,000\r\nLast\r\n");

        assertThat(file.format()).isEqualTo(CaptionFile.Format.SRT);
        assertThat(WebVtt.file(file.cues())).isEqualTo("""
                WEBVTT

                00:00:01.500 --> 00:00:02.250
                Tom &amp; Jerry <i>run</i>
                -&gt; a &lt; b

                01:02:03.004 --> 01:02:04.000
                Last
                """);
    }

    @Test
    void webVttKeepsCueSettingsPlayersKnowAndDropsNotesStylesAndIdentifiers() {
        CaptionFile file = CaptionFile.parse("WEBVTT - a title\nKind: captions\n\nSTYLE\n::cue { color: red }\n\n"
                + "NOTE a note\n\nfirst\n00:05.000 --> 00:06.000 align:start region:r1 line:0\n<v Ann>Hi</v>\n\n"
                + "00:01.000 --> 00:02.000\nEarlier\n");

        assertThat(file.format()).isEqualTo(CaptionFile.Format.WEBVTT);
        assertThat(file.cues()).extracting(Cue::startMillis).as("in start order").containsExactly(1000L, 5000L);
        assertThat(file.cues().get(1).settings()).isEqualTo("align:start line:0");
        assertThat(file.cues().get(1).text()).isEqualTo("<v Ann>Hi</v>");
        assertThat(file.endMillis()).isEqualTo(6000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1\\n00:00:02,000 --> 00:00:01,000\\nbackwards|Line 2: the cue ends (00:00:01.000) at or before it starts",
        "1\\n00:00:02,000 --> 00:00:02,000\\nempty span|at or before it starts",
        "1\\n00:00:01,000 -> 00:00:02,000\\nbad arrow|Line 2: '00:00:01,000 -> 00:00:02,000' is not an SRT cue timing",
        "1\\n00:00:01,000 --> 00:00:02,000\\nok\\n\\n2\\n00:00:0x,000 --> 00:00:04,000\\nbad|Line 6: '00:00:0x,000",
        "1\\n00:00:01,000 --> 00:00:02,000\\nok\\n\\n7\\n|Line 5: the cue numbered 7 has no timing line",
        "WEBVTT\\n\\n00:01.000 --> 00:61.000\\nsixty-one seconds|Line 3: '00:01.000 --> 00:61.000' is not a WebVTT",
        "WEBVTT\\n\\nid only\\n|Line 3: 'id only' starts a cue without a timing line",
        "WEBVTT\\n\\nNOTE only a note\\n|holds no cues",
        "   \\n\\n|empty",
        "hello world|neither WebVTT",
    })
    void malformedFilesAreRefusedNamingTheLine(String text, String says) {
        assertThatThrownBy(() -> CaptionFile.parse(text.replace("\\n", "\n")))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo("invalid_caption_file");
                })
                .hasMessageContaining(says);
    }

    @Test
    void textThatWasNotUtf8IsRefusedAsAnEncodingProblem() {
        for (String decoded : new String[] {"1\n00:00:01,000 --> 00:00:02,000\nCaf\uFFFD\n", "W\0E\0B\0"}) {
            assertThatThrownBy(() -> CaptionFile.parse(decoded))
                    .isInstanceOfSatisfying(ProblemException.class,
                            problem -> assertThat(problem.code()).isEqualTo("invalid_caption_encoding"));
        }
    }

    @Test
    void longTimingLinesAreQuotedShortInErrors() {
        String line = "00:00:01,000 --> " + "9".repeat(500);
        assertThatThrownBy(() -> CaptionFile.parse("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n" + line + "\nx\n"))
                .hasMessageContaining("...").hasMessageNotContaining("9".repeat(100));
    }
}
