import { describe, expect, it } from "vitest";
import { refuseAddress } from "./address-policy";
import { vetTarget, type Resolver } from "./vet-target";

const closed = { allowPrivateNetwork: false };
const open = { allowPrivateNetwork: true };

describe("refuseAddress", () => {
  it.each([
    "127.0.0.1", "127.255.255.254", "::1", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1", "fd12:3456::1",
    "169.254.10.10", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1", "100.64.0.1", "100.127.255.254", "255.255.255.255",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "192.0.2.1",
    "::7f00:1", "::a00:1", "::c0a8:101", "::808:808",
  ])("refuses %s without allowPrivateNetwork", (address) => {
    expect(refuseAddress(address, closed)).toBeDefined();
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"])("allows public %s", (address) => {
    expect(refuseAddress(address, closed)).toBeUndefined();
  });

  it("allows private addresses with allowPrivateNetwork, but never cloud metadata", () => {
    expect(refuseAddress("127.0.0.1", open)).toBeUndefined();
    expect(refuseAddress("10.0.0.5", open)).toBeUndefined();
    expect(refuseAddress("169.254.169.254", open)).toMatch(/metadata/);
    expect(refuseAddress("::ffff:169.254.169.254", open)).toMatch(/metadata/);
    expect(refuseAddress("fd00:ec2::254", open)).toMatch(/metadata/);
    expect(refuseAddress("::a9fe:a9fe", open)).toMatch(/metadata/);
  });
});

describe("vetTarget", () => {
  const dns: Record<string, string[]> = {
    "public.example": ["93.184.216.34"],
    "loop.example": ["127.0.0.1"],
    "mixed.example": ["93.184.216.34", "::1"],
  };
  const resolver: Resolver = (hostname) => {
    const addresses = dns[hostname];
    if (addresses === undefined) return Promise.reject(new Error("ENOTFOUND"));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };

  it("pins the first address of a vetted hostname", async () => {
    const target = await vetTarget("https://public.example/a?b=1", closed, resolver);
    expect(target.address).toEqual({ address: "93.184.216.34", family: 4 });
    expect(target.url.href).toBe("https://public.example/a?b=1");
  });

  it("judges each hop of a redirect chain on its resolved addresses", async () => {
    const chain = ["https://public.example/start", "http://loop.example/next", "http://mixed.example/", "http://0x7f.1/"];
    const verdicts = await Promise.all(chain.map((url) => vetTarget(url, closed, resolver).then(() => "ok", (e: Error) => e.message)));
    expect(verdicts[0]).toBe("ok");
    expect(verdicts[1]).toContain('"loop.example" resolves to 127.0.0.1 is a loopback address');
    expect(verdicts[2]).toContain('"mixed.example" resolves to ::1 is a loopback address');
    expect(verdicts[3]).toContain("127.0.0.1 is a loopback address");
  });

  it("refuses other schemes, URL credentials and names that do not resolve", async () => {
    await expect(vetTarget("ftp://public.example/", closed, resolver)).rejects.toThrow(/only http and https/);
    await expect(vetTarget("http://user:pw@public.example/", closed, resolver)).rejects.toThrow(/credentials/);
    await expect(vetTarget("http://nowhere.example/", closed, resolver)).rejects.toThrow(/cannot resolve "nowhere.example": ENOTFOUND/);
  });
});
