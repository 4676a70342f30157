/**
 * Values of the TabRelay HTTP API as {@link dev.tabrelay.client.RelayHttpClient} reads and writes them: the
 * OpenAI chat shapes, the relay's health, tabs and logs, and the Chat Relay admin shapes. Immutable records.
 */
package dev.tabrelay.client.http;
