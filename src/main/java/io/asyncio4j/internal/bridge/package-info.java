/**
 * Hooks for the Reactor bridge ({@code io.asyncio4j.reactor}) into core types, for operations
 * asyncio has no public API for. Exported to the bridge module only; not public API.
 */
package io.asyncio4j.internal.bridge;
