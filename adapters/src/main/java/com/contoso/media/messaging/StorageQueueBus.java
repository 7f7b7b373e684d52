package com.contoso.media.messaging;

import com.azure.storage.queue.QueueServiceClient;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.events.EventType;
import com.contoso.media.usagereport.UsageProjection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The event topic, its subscriptions, the webhook-deliveries queue and the dead-letter queues on Storage queues,
 * shaped like the Service Bus deployment: for the local runtime and for {@code func start} with Azurite alone. It
 * stays with the adapters, and in the Function App, because Storage queues are a real Azure service and the Function
 * App's queue-triggered twins (switched off in Azure) need a sender that writes them. Each
 * subscription is the queue {@code <LOCAL_BUS_PREFIX>-<subscription>} with the same filter as the Service Bus
 * subscription ({@code usage-report}: the events the usage report folds; {@code storage-report} and
 * {@code webhooks}: every upload event); a
 * queue's dead-letter queue is {@code <that>-poison}, the name the Functions host gives a queue trigger's poison
 * queue.
 */
public final class StorageQueueBus {

    /** The lock a receiver holds on a batch; a receiver that dies releases it when this ends. */
    public static final Duration VISIBILITY = Duration.ofSeconds(30);

    /** The filter of the storage-report and webhooks subscriptions: {@code sys.Label LIKE 'media.%'}. */
    private static final Predicate<BusMessage> TAKES_EVERY_UPLOAD_EVENT =
            message -> EventType.parse(message.subject()).isPresent();

    private final StorageQueue usageReport;
    private final StorageQueue usageReportPoison;
    private final StorageQueue storageReport;
    private final StorageQueue storageReportPoison;
    private final StorageQueue webhooks;
    private final StorageQueue webhooksPoison;
    private final StorageQueue webhookDeliveries;
    private final StorageQueue webhookDeliveriesPoison;
    private final StorageQueue deadLetters;
    private final StorageQueueTopic topic;

    public StorageQueueBus(QueueServiceClient queues, Settings settings, Optional<Random> chaos, Clock clock) {
        String prefix = settings.get(AppSetting.LOCAL_BUS_PREFIX);
        this.usageReport = new StorageQueue(queues.getQueueClient(usageReportQueue(settings)), VISIBILITY, clock);
        this.usageReportPoison = poisonOf(queues, usageReport, clock);
        this.storageReport = new StorageQueue(queues.getQueueClient(queueName(settings,
                AppSetting.STORAGE_SUBSCRIPTION)), VISIBILITY, clock);
        this.storageReportPoison = poisonOf(queues, storageReport, clock);
        this.webhooks = new StorageQueue(queues.getQueueClient(queueName(settings, AppSetting.WEBHOOKS_SUBSCRIPTION)),
                VISIBILITY, clock);
        this.webhooksPoison = poisonOf(queues, webhooks, clock);
        this.webhookDeliveries = new StorageQueue(queues.getQueueClient(queueName(settings,
                AppSetting.WEBHOOK_DELIVERIES_QUEUE)), VISIBILITY, clock);
        this.webhookDeliveriesPoison = poisonOf(queues, webhookDeliveries, clock);
        this.deadLetters = new StorageQueue(queues.getQueueClient(prefix + "-" + settings.get(AppSetting.DEAD_LETTER_QUEUE)),
                VISIBILITY, clock);
        this.topic = new StorageQueueTopic(List.of(
                new StorageQueueTopic.Subscription(usageReport,
                        message -> EventType.parse(message.subject()).map(UsageProjection::folds).orElse(false)),
                new StorageQueueTopic.Subscription(storageReport, TAKES_EVERY_UPLOAD_EVENT),
                new StorageQueueTopic.Subscription(webhooks, TAKES_EVERY_UPLOAD_EVENT)),
                chaos);
    }

    private static StorageQueue poisonOf(QueueServiceClient queues, StorageQueue queue, Clock clock) {
        return new StorageQueue(queues.getQueueClient(queue.name() + "-poison"), VISIBILITY, clock);
    }

    /** The usage-report subscription's queue name, which the queue-triggered aggregator listens on. */
    public static String usageReportQueue(Settings settings) {
        return queueName(settings, AppSetting.USAGE_SUBSCRIPTION);
    }

    /** {@code <LOCAL_BUS_PREFIX>-<the entity's name>}: the queue that stands in for a subscription or a queue. */
    public static String queueName(Settings settings, AppSetting entity) {
        return settings.get(AppSetting.LOCAL_BUS_PREFIX) + "-" + settings.get(entity);
    }

    /** The CloudEvent a queue message carries (what the queue trigger hands the aggregator). */
    public static String bodyOf(String queueMessage) {
        return StorageQueue.decode(queueMessage).body();
    }

    public MessageSender topic() {
        return topic;
    }

    public StorageQueue usageReport() {
        return usageReport;
    }

    public StorageQueue usageReportPoison() {
        return usageReportPoison;
    }

    public StorageQueue storageReport() {
        return storageReport;
    }

    public StorageQueue storageReportPoison() {
        return storageReportPoison;
    }

    public StorageQueue webhooks() {
        return webhooks;
    }

    public StorageQueue webhooksPoison() {
        return webhooksPoison;
    }

    /** The queue of webhook attempts; retries are messages on it that stay invisible until they are due. */
    public StorageQueue webhookDeliveries() {
        return webhookDeliveries;
    }

    public StorageQueue webhookDeliveriesPoison() {
        return webhookDeliveriesPoison;
    }

    /** The project's dead-letter queue, to send to. */
    public StorageQueue deadLetters() {
        return deadLetters;
    }

    /** The project's dead-letter queue, as re-drive reads it. */
    public DeadLetterQueue deadLetterStore() {
        return new StorageQueueDeadLetters(deadLetters);
    }

    /** The subscription's dead-letter (poison) queue, as re-drive reads it. */
    public DeadLetterQueue subscriptionDeadLetters() {
        return new StorageQueueDeadLetters(usageReportPoison);
    }
}
