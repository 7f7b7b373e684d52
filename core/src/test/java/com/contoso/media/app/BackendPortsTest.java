package com.contoso.media.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.contoso.media.blobs.BlobStaging;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.InMemoryUploadRepository;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Backend.Ports} is the one list of ports: a port added to the record without a way for hosts to give it, or
 * a host that forgets one, is found here and at start, not in Azure.
 */
class BackendPortsTest {

    private static final InMemoryUploadRepository RECORDS = new InMemoryUploadRepository();

    @Test
    void callingEveryBuilderMethodGivesEveryPortAndNothingElseIsNeeded() throws Exception {
        Backend.Ports.Builder builder = Backend.Ports.builder();
        for (Method method : Backend.Ports.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.getName().equals("build")) {
                Object[] adapters = Arrays.stream(method.getParameterTypes())
                        // The upload records are three ports in one (records, scans, outbox): a stand-in that is all three.
                        .map(type -> type.isInstance(RECORDS) ? RECORDS
                                // Blob storage is two ports in one too: SAS and reads, and staged blocks.
                                : type == MediaStore.class ? mock(type, withSettings().extraInterfaces(BlobStaging.class))
                                : mock(type)).toArray();
                method.invoke(builder, adapters);
            }
        }

        Backend.Ports ports = builder.build();

        for (RecordComponent port : Backend.Ports.class.getRecordComponents()) {
            assertThat(port.getAccessor().invoke(ports)).as(port.getName()).isNotNull();
        }
    }

    @Test
    void aHostThatForgetsAPortIsToldWhichAtStart() {
        assertThatThrownBy(() -> Backend.Ports.builder().uploadRecords(new InMemoryUploadRepository()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
    }

    @Test
    void thePortTypesAreReadFromTheRecordOnce() {
        assertThat(Backend.Ports.types()).doesNotHaveDuplicates()
                .hasSize((int) Arrays.stream(Backend.Ports.class.getRecordComponents())
                        .map(RecordComponent::getType).distinct().count());
    }
}
