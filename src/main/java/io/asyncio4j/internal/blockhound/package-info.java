/**
 * Optional BlockHound integration (used when BlockHound is on the class path): asyncio4j loop
 * threads and strands are non-blocking. Not part of the public API.
 */
package io.asyncio4j.internal.blockhound;
