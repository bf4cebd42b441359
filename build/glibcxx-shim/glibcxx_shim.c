/*
 * No-op definition of std::ios_base_library_init(), the one GLIBCXX_3.4.32 symbol that
 * TorchSharp 0.107.0's libLibTorchSharp.so references. GCC 13 emits the call so that
 * <iostream> objects are initialised; on older libstdc++ (Debian 12 ships GCC 12's) the
 * iostream objects are initialised by libstdc++ itself, so doing nothing is correct.
 * fix-torchsharp.sh builds this into libprebias_glibcxx_shim.so and adds it as a
 * dependency of the copied libLibTorchSharp.so.
 */
void _ZSt21ios_base_library_initv(void) {}
