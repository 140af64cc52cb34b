/**
 * Typed calls of the subscription APIs (client ID claim and release, subscribe, session heartbeat,
 * acquire, acknowledge, release, unsubscribe, browse): {@link dev.partita.client.subscription.SubscriptionClient}
 * picks the broker each request goes to and casts the answer. Knows nothing of JMS: the provider
 * builds the requests and decides what the answers mean.
 */
package dev.partita.client.subscription;
