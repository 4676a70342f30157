/**
 * Implementation details of the client SDK: the socket engine, request correlation, throttling and thread
 * ownership. Not API: anything here may change without notice. Use the types in {@code dev.tabrelay.client}.
 */
package dev.tabrelay.client.internal;
