// global, atob/btoa and TextEncoder/TextDecoder, as Node provides them.
console.log(global === globalThis, typeof global.setTimeout);

const encoded = btoa("Hello, world! \u00ff");
console.log(encoded, atob(encoded), atob(" SGk = ".replace("=", "")), atob("SGk="));
for (const bad of ["Zm9v=", "!!!!", "Z"]) {
  try {
    console.log(atob(bad));
  } catch (error: any) {
    console.log(error.name, error.message);
  }
}
try {
  btoa("snow \u2603");
} catch (error: any) {
  console.log(error.name, error.message);
}

const encoder = new TextEncoder();
const bytes = encoder.encode("héllo €😀");
console.log(encoder.encoding, bytes, bytes.length);
const target = new Uint8Array(5);
console.log(encoder.encodeInto("añb€", target), target);
const decoder = new TextDecoder();
console.log(decoder.encoding, decoder.fatal, decoder.ignoreBOM, decoder.decode(bytes));
console.log(JSON.stringify(decoder.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]))));
console.log(JSON.stringify(new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
console.log(decoder.decode(bytes.buffer), decoder.decode(new DataView(bytes.buffer, 0, 6)), decoder.decode());
try {
  new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc3]));
} catch (error: any) {
  console.log(error.name, error.message);
}
try {
  new TextDecoder("x-unknown");
} catch (error: any) {
  console.log(error.name, error.message);
}
console.log(Object.prototype.toString.call(encoder), Object.prototype.toString.call(decoder));
