package com.contoso.media.captions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Fmp4StartTest {

    @Test
    void theStartIsTheFirstFragmentsDecodeTimeOverTheTracksTimescaleIn90kHzTicks() {
        byte[] init = join(box("ftyp", new byte[8]), box("moov", box("trak", box("mdia", mdhd(0, 12_800)))));
        byte[] segment = join(box("styp", new byte[8]), box("moof", box("mfhd", new byte[8]),
                box("traf", box("tfhd", new byte[8]), tfdt(1, 51_200))));

        assertThat(Fmp4Start.ticks(init, segment)).contains(4L * 90_000);
        assertThat(Fmp4Start.ticks(box("moov", box("trak", box("mdia", mdhd(1, 1000)))), box("moof",
                box("traf", tfdt(0, 2500))))).contains(225_000L);
    }

    @Test
    void missingBoxesOrAHeadCutShortGiveNothingRatherThanAWrongTime() {
        byte[] init = box("moov", box("trak", box("mdia", mdhd(0, 12_800))));
        assertThat(Fmp4Start.ticks(init, box("moof", box("mfhd", new byte[8])))).isEmpty();
        assertThat(Fmp4Start.ticks(new byte[3], new byte[0])).isEmpty();
    }

    private static byte[] mdhd(int version, int timescale) {
        ByteBuffer payload = ByteBuffer.allocate(version == 1 ? 36 : 24);
        payload.put((byte) version).position(version == 1 ? 20 : 12);
        payload.putInt(timescale);
        return box("mdhd", payload.array());
    }

    private static byte[] tfdt(int version, long base) {
        ByteBuffer payload = ByteBuffer.allocate(version == 1 ? 12 : 8);
        payload.put((byte) version).position(4);
        if (version == 1) {
            payload.putLong(base);
        } else {
            payload.putInt((int) base);
        }
        return box("tfdt", payload.array());
    }

    private static byte[] box(String type, byte[]... children) {
        byte[] body = join(children);
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
