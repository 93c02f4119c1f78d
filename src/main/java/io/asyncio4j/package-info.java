/**
 * asyncio4j: Python's asyncio for the JVM.
 */
package io.asyncio4j;
