// Whether this engine runs WebAssembly's relaxed SIMD: it validates a tiny module of one
// f32x4.relaxed_madd (0xfd 0x85 0x02) on three v128.const 0. The MNIST worker picks its build by
// it; `make bench` reports it.
const v128 = [0xfd, 0x0c, ...new Array(16).fill(0)];
export const relaxedSimd = WebAssembly.validate(new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, // magic, version
  1, 5, 1, 0x60, 0, 1, 0x7b, // types: () -> v128
  3, 2, 1, 0, // one function of that type
  10, 0x3d, 1, 0x3b, 0, ...v128, ...v128, ...v128, 0xfd, 0x85, 0x02, 0x0b, // its body
]));
