// Page images live in 2 MiB chunks of page-sized slots (ENGINE.md §4.4, page cache).
// A cached point lookup touches one leaf image among possibly hundreds of megabytes of
// them; with one heap allocation per image (plus a separate shared_ptr control block) that
// touch costs a TLB miss and a second cache miss for the reference count. Chunks are
// 2 MiB aligned and advised for transparent huge pages where the OS offers them, and each
// slot holds the image's reference counts right before its bytes, on the line the page
// header is read from anyway.
//
//  (A1) A slot is handed out by at most one live image; its bytes are uninitialized.
//  (A2) A chunk is returned to the OS when all its slots are free and another chunk with
//       free slots is kept, so a burst of images (a large transaction) does not pin memory.
//  (A3) Thread-safe; images may be released on any thread, after their engine closed.
#pragma once

#include <cstdint>

#include "pager/page_cache.h"

namespace decentdb {

// An image of page_size bytes from the arena for that size (4096, 8192 or 16384; other
// sizes come from the heap).
ImagePtr NewArenaImage(uint32_t page_size);

// False in AddressSanitizer builds: images then come from the heap one by one, so the
// sanitizer sees an overrun of a page buffer.
bool ArenaEnabled();

// Bytes of chunks the arenas hold from the OS, for tests and stats.
uint64_t ArenaReservedBytes();

}  // namespace decentdb
