export default function Home() {
  return <main>Pulseboard</main>;
}
