package com.contoso.media.storagereport;

import com.contoso.media.uploads.UploadStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage report of one tenant over a range of days, folded from its day deltas: for each day the bytes stored
 * at its end by kind (every earlier day's changes summed), the byte-days of the day (what was stored at its start
 * for the whole day, plus what the day's own changes added from their moments on), and the uploads by status at
 * its end. Today's row counts the current footprint until midnight.
 */
public record StorageReport(String tenantId, LocalDate from, LocalDate to, List<Row> days, Row totals,
                            Optional<Instant> asOf) {

    private static final BigInteger MILLIS_PER_DAY = BigInteger.valueOf(86_400_000L);
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);
    static final String CSV_HEADER = "day,originalBytes,renditionBytes,thumbnailBytes,captionBytes,totalBytes,"
            + "originalByteDays,renditionByteDays,thumbnailByteDays,captionByteDays,totalByteDays,gbDays,"
            + String.join(",", Arrays.stream(UploadStatus.values()).map(UploadStatus::name).toList());

    /** One day (or the totals: bytes and statuses at the range's end, byte-days over the range). */
    public record Row(String day, Map<StoredKind, Long> bytes, Map<StoredKind, BigInteger> byteMillis,
                      Map<String, Long> uploadsByStatus) {

        public long totalBytes() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }

        public BigDecimal byteDays(StoredKind kind) {
            return new BigDecimal(byteMillis.get(kind)).divide(new BigDecimal(MILLIS_PER_DAY), 6, RoundingMode.HALF_EVEN);
        }

        public BigDecimal totalByteDays() {
            BigInteger sum = byteMillis.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            return new BigDecimal(sum).divide(new BigDecimal(MILLIS_PER_DAY), 6, RoundingMode.HALF_EVEN);
        }

        public BigDecimal gbDays() {
            BigInteger sum = byteMillis.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            return new BigDecimal(sum).divide(new BigDecimal(MILLIS_PER_DAY).multiply(BYTES_PER_GB), 9,
                    RoundingMode.HALF_EVEN);
        }
    }

    public static StorageReport of(String tenantId, LocalDate from, LocalDate to, List<DayDelta> through,
                                   Optional<Instant> asOf) {
        Map<StoredKind, Long> stored = zeroBytes();
        Map<String, Long> statuses = zeroStatuses();
        Map<LocalDate, DayDelta> inRange = new LinkedHashMap<>();
        for (DayDelta delta : through) {
            if (delta.day().isBefore(from)) {
                delta.bytes().forEach((kind, value) -> stored.merge(kind, value, Long::sum));
                delta.statuses().forEach((status, value) -> statuses.merge(status, value, Long::sum));
            } else if (!delta.day().isAfter(to)) {
                inRange.put(delta.day(), delta);
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<StoredKind, BigInteger> rangeByteMillis = zeroIntegrals();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            DayDelta delta = inRange.getOrDefault(day, DayDelta.empty(day));
            Map<StoredKind, BigInteger> byteMillis = zeroIntegrals();
            for (StoredKind kind : StoredKind.values()) {
                byteMillis.put(kind, BigInteger.valueOf(stored.get(kind)).multiply(MILLIS_PER_DAY)
                        .add(delta.byteMillisOf(kind)));
                rangeByteMillis.merge(kind, byteMillis.get(kind), BigInteger::add);
                stored.merge(kind, delta.bytes().getOrDefault(kind, 0L), Long::sum);
            }
            delta.statuses().forEach((status, value) -> statuses.merge(status, value, Long::sum));
            rows.add(new Row(day.toString(), new EnumMap<>(stored), byteMillis, new LinkedHashMap<>(statuses)));
        }
        Row totals = new Row("total", new EnumMap<>(stored), rangeByteMillis, new LinkedHashMap<>(statuses));
        return new StorageReport(tenantId, from, to, rows, totals, asOf);
    }

    /** The footprint now: every delta summed. */
    public static Row current(List<DayDelta> all) {
        Map<StoredKind, Long> stored = zeroBytes();
        Map<String, Long> statuses = zeroStatuses();
        for (DayDelta delta : all) {
            delta.bytes().forEach((kind, value) -> stored.merge(kind, value, Long::sum));
            delta.statuses().forEach((status, value) -> statuses.merge(status, value, Long::sum));
        }
        return new Row("current", stored, zeroIntegrals(), statuses);
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : days) {
            csv.append(row.day());
            for (StoredKind kind : StoredKind.values()) {
                csv.append(',').append(row.bytes().get(kind));
            }
            csv.append(',').append(row.totalBytes());
            for (StoredKind kind : StoredKind.values()) {
                csv.append(',').append(row.byteDays(kind).toPlainString());
            }
            csv.append(',').append(row.totalByteDays().toPlainString()).append(',')
                    .append(row.gbDays().toPlainString());
            for (UploadStatus status : UploadStatus.values()) {
                csv.append(',').append(row.uploadsByStatus().get(status.name()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static Map<StoredKind, Long> zeroBytes() {
        Map<StoredKind, Long> zero = new EnumMap<>(StoredKind.class);
        for (StoredKind kind : StoredKind.values()) {
            zero.put(kind, 0L);
        }
        return zero;
    }

    private static Map<StoredKind, BigInteger> zeroIntegrals() {
        Map<StoredKind, BigInteger> zero = new EnumMap<>(StoredKind.class);
        for (StoredKind kind : StoredKind.values()) {
            zero.put(kind, BigInteger.ZERO);
        }
        return zero;
    }

    private static Map<String, Long> zeroStatuses() {
        Map<String, Long> zero = new LinkedHashMap<>();
        for (UploadStatus status : UploadStatus.values()) {
            zero.put(status.name(), 0L);
        }
        return zero;
    }
}
