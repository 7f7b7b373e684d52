package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.LadderJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The activities by name, taking and returning JSON exactly as the Durable worker passes them, for a host that
 * dispatches activities itself (the local runtime). Under Functions each has its own trigger instead.
 */
public final class TranscodeActivityCatalog {

    private static final DataConverter JSON = new JacksonDataConverter();

    private TranscodeActivityCatalog() {
    }

    public static Map<String, UnaryOperator<String>> of(TranscodeActivities activities) {
        Map<String, UnaryOperator<String>> catalog = new HashMap<>();
        add(catalog, TranscodeVideoOrchestration.PROBE, TranscodeRequest.class, activities::probeSource);
        add(catalog, TranscodeVideoOrchestration.ENCODE, RenditionJob.class, activities::encodeRendition);
        add(catalog, TranscodeVideoOrchestration.ENCODE_LADDER, LadderJob.class, activities::encodeLadder);
        add(catalog, TranscodeVideoOrchestration.THUMBNAIL, ThumbnailJob.class, activities::createThumbnail);
        add(catalog, TranscodeVideoOrchestration.MASTER, MasterPlaylistJob.class, activities::writeMasterPlaylist);
        add(catalog, TranscodeVideoOrchestration.FINALIZE, FinalizeJob.class, job -> {
            activities.finalizeUpload(job);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.END, EndJob.class, job -> {
            activities.endUpload(job);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.CLEANUP, TranscodeRequest.class, request -> {
            activities.deleteOutputs(request);
            return null;
        });
        return Map.copyOf(catalog);
    }

    private static <I> void add(Map<String, UnaryOperator<String>> catalog, String name, Class<I> input,
                                Function<I, ?> activity) {
        catalog.put(name, json -> {
            Object result = activity.apply(JSON.deserialize(json, input));
            return result == null ? null : JSON.serialize(result);
        });
    }
}
